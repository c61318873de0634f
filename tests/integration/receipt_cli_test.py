"""bhxh-desk receipt on a real database file (schema from db/migrations, a declaration and its
decision written by hand): one A4 page whose text (pdftotext) carries the Vietnamese name (NFC)
and the dossier number, which renders (pdftoppm) to one page, and whose QR code decodes (bhxh-desk
scan, ZXing) to the dossier number; English labels with --lang en; exit 1 without a decision."""
import argparse
import glob
import json
import os
import shutil
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
NAME = "Nguyễn Thị Ánh Tuyết"
APPROVED = "07916-2026-000777"
REJECTED = "07916-2026-000778"
UNDECIDED = "07916-2026-000779"


def run(*args):
    return run_app(ARGS.app, *args)


tool = poppler


def declaration(dossier, name, request="register"):
    return {
        "dossier_no": dossier, "form": "TK01", "request": request, "adjust": None, "stop": None,
        "kind": "individual", "status": "pending", "office_code": "07916",
        "submitted_at": "2026-11-20T09:12:00+07:00", "expires_at": "2026-11-30T09:12:00+07:00", "channel": "vssid",
        "full_name": name, "bhxh_code": "0113098765", "id_number": "001099012345",
        "date_of_birth": "1990-03-15", "gender": "female",
        "address": {"province_code": "79", "district_code": "775", "ward_code": "27349", "detail": "12 Bình Phú",
                    "text": "12 Bình Phú, Phường 10, Quận 6, Thành phố Hồ Chí Minh"},
        "contact_person": name, "email": None, "phone": "0983847986",
        "transact_at": "portal", "ivan_name": None, "submission": "at_office", "guardian": None,
        "files": [], "updated_at": "2026-11-20T09:12:00+07:00", "version": 3,
    }


class ReceiptCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "desk.sqlite")
        con = migrated_database(self.db, ARGS.migrations)
        now = int(time.time() * 1000)
        for dossier in (APPROVED, REJECTED, UNDECIDED):
            d = declaration(dossier, NAME)
            insert_declaration(con, dossier, version=3, status="pending", full_name=NAME,
                               name_folded="nguyen thi anh tuyet", submitted_at=d["submitted_at"],
                               expires_at=d["expires_at"], updated_at=d["updated_at"],
                               document=json.dumps(d, ensure_ascii=False), bhxh_code=d["bhxh_code"],
                               id_number=d["id_number"], phone=d["phone"], cached_at_ms=now)
        decided = int(time.mktime((2026, 11, 21, 14, 5, 0, 0, 0, -1)) * 1000)
        for dossier, outcome, code, text in ((APPROVED, "approved", "", ""),
                                             (REJECTED, "rejected", "name_no_diacritics", "Họ tên phải viết có dấu")):
            insert_decision(con, dossier, version=3, outcome=outcome, officer="canbo.lan", decided_at_ms=decided,
                            reason_code=code, reason_text=text)
        con.commit()
        con.close()
        self.config = write_office_config(os.path.join(self.dir, "config.toml"), self.dir, ARGS.assets)

    def pdf_text(self, pdf):
        out = subprocess.run([tool("pdftotext"), "-enc", "UTF-8", pdf, "-"], capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        return unicodedata.normalize("NFC", out.stdout.decode("utf-8"))

    def test_approved_receipt_has_the_name_the_number_and_a_qr_code_that_decodes(self):
        out = run("--config", self.config, "receipt", APPROVED)
        self.assertEqual(out.returncode, 0, out.stderr)
        pdf = os.path.join(self.dir, "receipts", APPROVED + ".pdf")
        self.assertEqual(out.stdout.strip(), pdf)
        with open(pdf, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        # It carries a name: only the desk's user may read it. No temporary file is left.
        self.assertEqual(os.stat(pdf).st_mode & 0o777, 0o600)
        self.assertEqual(os.listdir(os.path.dirname(pdf)), [APPROVED + ".pdf"])

        text = self.pdf_text(pdf)
        for expected in (NAME, APPROVED, "GIẤY BIÊN NHẬN KẾT QUẢ XỬ LÝ HỒ SƠ", "Đã duyệt", "BHXH QUẬN 6",
                         "07916", "canbo.lan", "Đăng ký giao dịch điện tử", "14:05 ngày 21/11/2026"):
            self.assertIn(expected, text)
        self.assertNotIn("Lý do", text)  # an approval has no reason line

        info = subprocess.run([tool("pdfinfo"), pdf], capture_output=True, text=True, timeout=60)
        self.assertRegex(info.stdout, r"(?m)^Pages:\s+1$")
        self.assertRegex(info.stdout, r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)")

        low = os.path.join(self.dir, "low")
        subprocess.run([tool("pdftoppm"), "-png", "-r", "50", pdf, low], check=True, timeout=60)
        self.assertEqual(len(glob.glob(low + "*.png")), 1)

        high = os.path.join(self.dir, "page")
        subprocess.run([tool("pdftoppm"), "-png", "-r", "150", "-singlefile", pdf, high], check=True, timeout=60)
        if ARGS.keep:
            shutil.copy(high + ".png", ARGS.keep)
        scan = run("scan", "--json", high + ".png")
        self.assertEqual(scan.returncode, 0, scan.stderr)
        texts = [json.loads(line).get("text") for line in scan.stdout.splitlines() if line.strip()]
        self.assertIn(APPROVED, texts, scan.stdout)

    def test_rejected_receipt_in_english_names_the_reason(self):
        out_file = os.path.join(self.dir, "out", "r.pdf")
        out = run("--config", self.config, "receipt", REJECTED, "--lang", "en", "--out", out_file)
        self.assertEqual(out.returncode, 0, out.stderr)
        text = self.pdf_text(out_file)
        for expected in (NAME, REJECTED, "Rejected", "Reason", "The full name must be written in full",
                         "Registration for electronic transactions"):
            self.assertIn(expected, text)

    def test_a_dossier_without_a_decision_is_refused(self):
        out = run("--config", self.config, "receipt", UNDECIDED)
        self.assertEqual(out.returncode, 1)
        self.assertIn("has no decision", out.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "receipts", UNDECIDED + ".pdf")))
        out = run("--config", self.config, "receipt", APPROVED, "--db", os.path.join(self.dir, "nope.sqlite"))
        self.assertEqual(out.returncode, 2)
        self.assertIn("no such database file", out.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--assets", required=True)
    parser.add_argument("--migrations", required=True)
    parser.add_argument("--keep", help="copy the 150 dpi rendering of the approved receipt here")
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
