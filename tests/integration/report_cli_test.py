"""bhxh-desk report day on a real database file (schema from db/migrations; declarations,
decisions, outbox rows and QA samples written by hand for one day): an A4 PDF whose text
(pdftotext) has every section with its figures — outcomes, per hour, per officer, rejections by
reason code, expired without a visit, outbox failures, QA re-checks — and the signature lines; in
English with --lang en; --date in dd/mm/yyyy and ISO; an empty day says so; bad dates and a
missing database are refused."""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from desk_db import (insert_decision, insert_declaration, migrated_database, poppler,  # noqa: E402
                     run_app, write_office_config)

ARGS = None
DAY = (2026, 11, 21)


def run(*args):
    return run_app(ARGS.app, *args)


tool = poppler


def local_ms(hour, minute=0, day=DAY):
    return int(time.mktime((*day, hour, minute, 0, 0, 0, -1)) * 1000)


class ReportCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "desk.sqlite")
        con = migrated_database(self.db, ARGS.migrations)
        # Decisions of the day: 3 approved (canbo.lan 2 at 08h and 09h, canbo.minh 1 at 09h),
        # 3 rejected (two name_no_diacritics, one id_mismatch), one the day before (not counted).
        rows = [
            ("07916-2026-000001", "approved", "", "canbo.lan", local_ms(8, 15)),
            ("07916-2026-000002", "approved", "", "canbo.lan", local_ms(9, 5)),
            ("07916-2026-000003", "approved", "", "canbo.minh", local_ms(9, 40)),
            ("07916-2026-000004", "rejected", "name_no_diacritics", "canbo.minh", local_ms(10, 0)),
            ("07916-2026-000005", "rejected", "name_no_diacritics", "canbo.lan", local_ms(14, 30)),
            ("07916-2026-000006", "rejected", "id_mismatch", "canbo.lan", local_ms(15, 0)),
            ("07916-2026-000009", "approved", "", "canbo.old", local_ms(11, 0, (2026, 11, 20))),
        ]
        for dossier, outcome, code, officer, at in rows:
            insert_decision(con, dossier, version=1, outcome=outcome, officer=officer, decided_at_ms=at,
                            reason_code=code)
        # Outbox: one SMS failed, one e-mail unclear that day; one failed the day before.
        for key, channel, state, at in (("o1", "sms", "failed", local_ms(10, 1)),
                                        ("o2", "email", "unknown", local_ms(10, 2)),
                                        ("o3", "sms", "failed", local_ms(10, 2, (2026, 11, 20)))):
            con.execute("INSERT INTO outbox(key, channel, payload, state, max_attempts, next_attempt_ms, "
                        "created_ms, updated_ms) VALUES (?,?,?,?,?,?,?,?)", (key, channel, "{}", state, 5, at, at, at))
        # QA: canbo.lan's two approvals sampled (one confirmed, one flagged with a follow-up),
        # canbo.minh's one sampled and still open.
        for dossier, officer, reason, state, follow in (("07916-2026-000001", "canbo.lan", "random", "confirmed", 0),
                                                        ("07916-2026-000002", "canbo.lan", "acknowledged", "flagged", 1),
                                                        ("07916-2026-000003", "canbo.minh", "new_officer", "open", 0)):
            con.execute("INSERT INTO qa_samples(idempotency_key, dossier_no, officer_id, reason, sampled_at_ms, state, "
                        "reviewer_id, flag_reason, follow_up) VALUES (?,?,?,?,?,?,?,?,?)",
                        ("key-" + dossier, dossier, officer, reason, local_ms(9), state,
                         "" if state == "open" else "giamsat.hoa", "face_doubt" if state == "flagged" else "", follow))
        # Two declarations whose 10 days ran out that day without a visit, one pending for later.
        for dossier, status, expires in (("07916-2026-000020", "expired", "2026-11-21T09:00:00+07:00"),
                                         ("07916-2026-000021", "pending", "2026-11-21T16:00:00+07:00"),
                                         ("07916-2026-000022", "pending", "2099-01-01T09:00:00+07:00")):
            insert_declaration(con, dossier, version=1, status=status, full_name="Trần Văn Bình",
                               name_folded="tran van binh", submitted_at="2026-11-11T09:00:00+07:00",
                               expires_at=expires, updated_at="2026-11-11T09:00:00+07:00")
        con.commit()
        con.close()
        self.config = write_office_config(os.path.join(self.dir, "config.toml"), self.dir, ARGS.assets)

    def pdf_text(self, pdf):
        out = subprocess.run([tool("pdftotext"), "-layout", "-enc", "UTF-8", pdf, "-"], capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        return unicodedata.normalize("NFC", out.stdout.decode("utf-8"))

    def line_with(self, text, label):
        for line in text.splitlines():
            line = re.sub(r"\s+", " ", line.strip())
            if label in line:
                return line
        self.fail(f"no line with {label!r} in:\n{text}")

    def test_every_section_with_its_figures_in_vietnamese(self):
        out = run("--config", self.config, "report", "day", "--date", "21/11/2026")
        self.assertEqual(out.returncode, 0, out.stderr)
        pdf = os.path.join(self.dir, "reports", "day-2026-11-21.pdf")
        self.assertEqual(out.stdout.strip(), pdf)
        self.assertEqual(os.stat(pdf).st_mode & 0o777, 0o600)
        if ARGS.keep:
            subprocess.run([tool("pdftoppm"), "-png", "-r", "80", pdf, ARGS.keep], check=True, timeout=60)
        info = subprocess.run([tool("pdfinfo"), pdf], capture_output=True, text=True, timeout=60)
        self.assertRegex(info.stdout, r"(?m)^Pages:\s+1$")
        self.assertRegex(info.stdout, r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)")
        text = self.pdf_text(pdf)
        for title in ("BÁO CÁO KẾT QUẢ TIẾP NHẬN HỒ SƠ TRONG NGÀY", "Ngày 21/11/2026", "BHXH QUẬN 6",
                      "1. Kết quả xử lý", "2. Số hồ sơ theo giờ", "3. Theo cán bộ", "4. Hồ sơ từ chối theo lý do",
                      "5. Hồ sơ hết hạn mà công dân không đến", "6. Gửi đi không thành công",
                      "7. Kiểm tra lại (chọn ngẫu nhiên)", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"):
            self.assertIn(title, text)
        self.assertEqual(self.line_with(text, "Đã duyệt 3").split()[-1], "3")
        self.assertIn("Từ chối 3", self.line_with(text, "Từ chối 3"))
        self.assertIn("Tổng 6", self.line_with(text, "Tổng 6"))
        self.assertEqual(self.line_with(text, "09:00–10:00"), "09:00–10:00 2 0")
        self.assertEqual(self.line_with(text, "14:00–15:00"), "14:00–15:00 0 1")
        self.assertEqual(self.line_with(text, "canbo.lan 2 2"), "canbo.lan 2 2 4")
        self.assertEqual(self.line_with(text, "canbo.minh 1 1"), "canbo.minh 1 1 2")
        self.assertNotIn("canbo.old", text)
        self.assertTrue(self.line_with(text, "(name_no_diacritics)").endswith(" 2"))
        self.assertTrue(self.line_with(text, "(id_mismatch)").endswith(" 1"))
        self.assertTrue(self.line_with(text, "Hết hạn 10 ngày").endswith(" 2"))
        self.assertEqual(self.line_with(text, "SMS — thất bại").split()[-1], "1")
        self.assertEqual(self.line_with(text, "Thư điện tử — chưa rõ kết quả").split()[-1], "1")
        self.assertEqual(self.line_with(text, "canbo.lan 2 1"), "canbo.lan 2 1 1")
        self.assertEqual(self.line_with(text, "canbo.minh 1 0"), "canbo.minh 1 0 0")
        self.assertIn("Chưa kiểm tra: 1 — cần liên hệ lại công dân: 1", text)
        # No citizen's number on the office's paper.
        for secret in ("001099012345", "0113098765", "0983847986"):
            self.assertNotIn(secret, text)

    def test_english_with_an_iso_date(self):
        out_file = os.path.join(self.dir, "out", "day.pdf")
        out = run("--config", self.config, "report", "day", "--date", "2026-11-21", "--lang", "en", "--out", out_file)
        self.assertEqual(out.returncode, 0, out.stderr)
        text = self.pdf_text(out_file)
        for title in ("DAY REPORT", "Day 21/11/2026", "Outcomes", "Decisions per hour", "Per officer",
                      "Rejections by reason", "Expired without a visit", "Outbox failures", "QA re-checks",
                      "PREPARED BY", "HEAD OF OFFICE"):
            self.assertIn(title, text)
        self.assertIn("(name_no_diacritics)", text)

    def test_an_empty_day_says_so(self):
        out_file = os.path.join(self.dir, "empty.pdf")
        out = run("--config", self.config, "report", "day", "--date", "01/01/2026", "--out", out_file)
        self.assertEqual(out.returncode, 0, out.stderr)
        text = self.pdf_text(out_file)
        for line in ("Không có quyết định nào trong ngày.", "Không có hồ sơ bị từ chối.",
                     "Không có tin nhắn hay quyết định nào gửi lỗi.", "Không có phê duyệt nào được chọn kiểm tra lại."):
            self.assertIn(line, text)

    def test_bad_dates_and_a_missing_database_are_refused(self):
        for bad in ("31/02/2026", "2026-13-01", "tomorrow", "01/01/1999"):
            out = run("--config", self.config, "report", "day", "--date", bad)
            self.assertEqual(out.returncode, 2, bad)
            self.assertIn("is not a day", out.stderr)
        out = run("--config", self.config, "report", "day", "--db", os.path.join(self.dir, "nope.sqlite"))
        self.assertEqual(out.returncode, 2)
        self.assertIn("no such database file", out.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "reports")))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--assets", required=True)
    parser.add_argument("--migrations", required=True)
    parser.add_argument("--keep", help="render the Vietnamese report here (PNG, without the extension)")
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
