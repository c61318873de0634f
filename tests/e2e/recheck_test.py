"""The supervisor's day, end to end and keyboard only: the real bhxh-desk window under Xvfb, the
reference portal, the SMS and SMTP sinks, and a real IPP printer (ippeveprinter, cups-ipp-utils,
tests/lib/ipp_printer.py) configured as the counter's printer. Every approval is sampled
([qa] sample_percent = 100).

  1. A clerk approves a declaration (F8, Enter) and prints the receipt (F7): the printer's spool
     receives the receipt's PDF (pdftotext finds the citizen's name) and the desk says it printed.
  2. The clerk's console closes; a supervisor's opens and signs in and opens the Re-check tab (Ctrl+7, the
     seventh tab a supervisor sees): the sampled approval is listed with its evidence.
  3. F9, reason 3 (face in doubt), a note, Enter: the sample is flagged, audited (qa_flag), the
     decision and its portal row are unchanged.
  4. The dashboard (Ctrl+4) shows the flag in today's re-check figures; Ctrl+P prints the day
     report on the same printer.
  A clerk does not see the Re-check tab (Ctrl+7 selects nothing new).

Screenshots of each step are kept in the artifacts folder."""
import os
import subprocess
import sys
import time
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from desk_e2e import CLERK, DeskE2E, folded, main  # noqa: E402
from desk_harness import DeskHarness  # noqa: E402
from ipp_printer import IppPrinter, tool  # noqa: E402
from sinks import wait_for  # noqa: E402

SUPERVISOR = ("q6.supervisor", "super-pass-7730")


class RecheckTest(DeskE2E):
    def pdf_text(self, pdf):
        out = subprocess.run([tool("pdftotext", "poppler-utils"), "-enc", "UTF-8", str(pdf), "-"],
                             capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        return unicodedata.normalize("NFC", out.stdout.decode("utf-8"))

    def test_a_supervisor_flags_a_sampled_approval_and_the_dashboard_shows_it(self):
        printer = IppPrinter(os.path.join(self.tmp, "printer-spool")).start()
        self.addCleanup(printer.stop)
        d = self.pick()
        video = self.camera_video(d["dossier_no"], "cccd")
        extra = f'[qa]\nsample_percent = 100\nnew_officer_percent = 100\n[print]\nprinter_uri = "{printer.uri}"\njob_timeout_s = 300\n'
        self.desk = DeskHarness(self.ARGS.app, self.ARGS.artifacts, config_extra=self.config(video, extra))
        self.addCleanup(self.desk.cleanup)
        self.desk.add_officer(CLERK[0], CLERK[1], "clerk", "Trần Văn Bình")
        self.desk.add_officer(SUPERVISOR[0], SUPERVISOR[1], "supervisor", "Lê Thị Hoa")
        self.desk.start(timeout=60)
        self.desk.sign_in(*CLERK)
        self.step = "recheck-1-clerk"

        # 1. The clerk approves; the approval is drawn for a re-check; F7 prints the receipt.
        self.wait_opened(d["dossier_no"])
        time.sleep(8)  # the face check
        self.approve(d["dossier_no"])
        samples = self.local("SELECT id, reason, state FROM qa_samples")
        self.assertEqual(len(samples), 1, samples)
        self.assertEqual(samples[0][2], "open")
        # A clerk has no Re-check tab: Ctrl+7 changes nothing.
        self.desk.key("ctrl", "7")
        shot = self.desk.screenshot("recheck-1-clerk-no-tab")
        self.assertNotIn("kiemtralai", self.folded_ocr(shot))
        self.desk.key("F7")
        jobs = printer.wait_for_jobs(1, timeout=60)
        self.assertIn(d["full_name"], self.pdf_text(jobs[0]))
        # ippeveprinter "prints" slowly on a loaded machine: the job may stay processing a while.
        wait_for(lambda: "dainxong" in self.folded_ocr(self.desk.screenshot("_print-probe")), 240,
                 "the desk to say the receipt was printed")
        shot = self.desk.screenshot("recheck-1-receipt-printed")
        self.assert_screen_says(shot, "Đã in xong")

        # 2. The supervisor opens the Re-check tab.
        # The clerk's shift ends (the console closes); the supervisor's console opens with their id
        # typed in (--officer), as the kiosk's session would.
        self.assertEqual(self.desk.stop(), 0)
        self.desk.start("--officer", SUPERVISOR[0], timeout=60)
        self.desk.sign_in(*SUPERVISOR, prefilled=True)
        self.desk.key("ctrl", "7")
        time.sleep(2)
        shot = self.desk.screenshot("recheck-2-list")
        self.assert_screen_says(shot, "Kiểm tra lại", d["dossier_no"], CLERK[0], "Xác nhận đúng (F8)", "Đánh dấu sai sót (F9)")

        # 3. F9, reason 3, a note, Enter.
        self.desk.key("F9")
        time.sleep(0.8)
        self.desk.key("3")
        time.sleep(0.5)
        self.desk.type_text("anh chan dung mo")
        shot = self.desk.screenshot("recheck-3-flag-dialog")
        self.assert_screen_says(shot, "Đánh dấu sai sót một hồ sơ đã duyệt", "Nghi ngờ ảnh khuôn mặt")
        self.desk.key("Return")
        wait_for(lambda: self.local("SELECT state FROM qa_samples") == [("flagged",)], 30, "the flag to be stored")
        row = self.local("SELECT flag_reason, reviewer_id, note FROM qa_samples")[0]
        self.assertEqual(row, ("face_doubt", SUPERVISOR[0], "anh chan dung mo"))
        audit = self.local("SELECT officer_id, subject FROM audit_log WHERE kind = 'qa_flag'")
        self.assertEqual(audit, [(SUPERVISOR[0], d["dossier_no"])])
        # The flag does not change the decision.
        self.assertEqual(self.local("SELECT outcome FROM decisions WHERE dossier_no = ?", d["dossier_no"]),
                         [("approved",)])
        time.sleep(1)
        shot = self.desk.screenshot("recheck-3-flagged")
        self.assert_screen_says(shot, "Đã đánh dấu sai sót")

        # 4. The dashboard shows it; Ctrl+P prints the day report.
        self.desk.key("ctrl", "4")
        time.sleep(2)
        shot = self.desk.screenshot("recheck-4-dashboard")
        self.assert_screen_says(shot, "1 được chọn", "1 đánh dấu sai sót")
        self.desk.key("ctrl", "p")
        jobs = printer.wait_for_jobs(2, timeout=60)
        self.assertIn("07916", self.pdf_text(jobs[1]))
        self.desk.screenshot("recheck-4-day-report-printed")

    def folded_ocr(self, png):
        """The screen's text without marks, case or spaces, read as it is and in black and white
        (green and red text read better so), as assert_screen_says reads it."""
        return folded(self.desk.ocr(png, "vie")) + "|" + folded(self.desk.ocr(png, "vie", threshold=70))


if __name__ == "__main__":
    main()
