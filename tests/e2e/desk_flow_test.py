"""The walk-in desk end to end, on the real parts: the bhxh-desk window under Xvfb, the reference
portal (bhxh-portal) on a loopback port, an HTTP SMS gateway (generic profile) and a real SMTP
server (aiosmtpd). The camera is a video file (bhxh-demo-video) showing one seeded citizen's card.

  - a CCCD card in front of the camera opens that citizen's declaration by itself (the desk claims
    it on the portal); F8 approves; the SMS gateway and the SMTP server receive the login (the BHXH
    code) and the same initial password; the local database holds the decision and its audit entry,
    and no longer the password;
  - F9, 1, Enter rejects with "photo_mismatch"; the rejection SMS and e-mail carry the reason;
  - the portal stopped before F8: the decision is kept locally, delivered once the portal is back,
    and the citizen gets exactly one SMS;
  - a BHYT card (new 17-part format) opens the declaration by its BHXH code.

Screenshots of each step are kept in the artifacts folder."""
import os
import re
import subprocess
import sys
import time
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from desk_e2e import DELIVER_TIMEOUT, DeskE2E, main, without_marks  # noqa: E402
from desk_harness import squash  # noqa: E402
from portal_harness import Portal  # noqa: E402
from sinks import wait_for  # noqa: E402


class DeskFlowTest(DeskE2E):
    # --- the scenarios -------------------------------------------------------------------------

    def test_cccd_scan_opens_and_approval_delivers_credentials(self):
        d = self.pick(want_email=True)
        self.start_desk(self.camera_video(d["dossier_no"], "cccd"), "10-approve")
        self.wait_opened(d["dossier_no"])
        opened = self.desk.screenshot("10-approve-opened")
        self.assert_shows(opened, d)
        # Numbers are masked until revealed (the "Hiện" button beside the ID number); a reveal is audited.
        self.assertNotIn(d["id_number"], squash(self.desk.ocr(opened, "eng")))
        # Ctrl+R reveals the masked numbers (keyboard only, as the clerk works).
        self.desk.key("ctrl", "r")
        wait_for(lambda: self.local("SELECT detail FROM audit_log WHERE kind = 'reveal' AND subject = ?",
                                    d["dossier_no"]), 20, "the reveal in the audit log")

        self.approve(d["dossier_no"])
        sms = wait_for(lambda: self.sms.messages_to(d["phone"]), DELIVER_TIMEOUT, "the approval SMS")
        mails = wait_for(lambda: self.smtp.messages_to(d["email"]), DELIVER_TIMEOUT, "the approval e-mail")
        time.sleep(2)  # the desk refreshes what it sent every second
        self.desk.screenshot("11-approve-sent")
        self.assertEqual(len(sms), 1)
        text = sms[0]["text"]
        self.assertIn(d["bhxh_code"], text, "the SMS carries the login (BHXH code)")
        password = re.search(r"Mat khau: (\S+?)\.", text)
        self.assertIsNotNone(password, f"no password in the SMS: {text!r}")
        password = password.group(1)
        subject, plain, html = mails[0]
        self.assertIn(d["full_name"], subject, "the subject decodes to the Vietnamese name")
        self.assertIn(d["bhxh_code"], plain)
        self.assertIn(password, plain, "the e-mail carries the same initial password")
        self.assertEqual(self.portal.status(d["dossier_no"]), "approved")

        rows = self.local("SELECT outcome, officer_id FROM decisions WHERE dossier_no = ?", d["dossier_no"])
        self.assertEqual(rows, [("approved", "q6.clerk")], "the decision is signed by the officer at the desk")
        self.assertEqual(self.local_status(d["dossier_no"]), ("approved", "approved"))
        audit = self.local("SELECT kind FROM audit_log WHERE subject = ? AND kind = 'decision'", d["dossier_no"])
        self.assertEqual(len(audit), 1, "the decision is in the audit log")
        secrets = wait_for(lambda: not self.local("SELECT id FROM outbox WHERE secret IS NOT NULL"),
                           DELIVER_TIMEOUT, "the password to be erased from the outbox")
        self.assertTrue(secrets)

        # F7: the citizen's receipt, a PDF whose text carries the name with its diacritics.
        self.desk.key("F7")
        receipt = os.path.join(self.desk.tmp, "data", "receipts", d["dossier_no"] + ".pdf")
        wait_for(lambda: os.path.exists(receipt), 30, "the receipt PDF")
        text = subprocess.run(["pdftotext", receipt, "-"], capture_output=True, text=True, check=True).stdout
        self.assertIn(d["full_name"], unicodedata.normalize("NFC", text))
        self.assertIn(d["dossier_no"], text)
        self.assertNotIn(password, text, "the receipt never carries the password")
        self.desk.screenshot("12-approve-receipt")
        self.assertEqual(self.desk.stop(), 0)
        self.assert_logs_clean(d, password)
        for name in os.listdir(os.path.join(self.desk.tmp, "data")):  # the database, its WAL
            path = os.path.join(self.desk.tmp, "data", name)
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    self.assertNotIn(password.encode(), f.read(), f"the password is still in {name}")

    def test_rejection_with_a_reason_reaches_the_citizen(self):
        d = self.pick(want_email=True)
        self.start_desk(self.camera_video(d["dossier_no"], "cccd"), "20-reject")
        self.wait_opened(d["dossier_no"])
        self.desk.key("F9")
        self.desk.screenshot("20-reject-reasons")
        self.desk.key("1")
        self.desk.key("Return")
        sms = wait_for(lambda: self.sms.messages_to(d["phone"]), DELIVER_TIMEOUT, "the rejection SMS")
        mails = wait_for(lambda: self.smtp.messages_to(d["email"]), DELIVER_TIMEOUT, "the rejection e-mail")
        time.sleep(2)  # the desk refreshes what it sent every second
        self.desk.screenshot("21-reject-sent")
        reason = "Ảnh chân dung không khớp với người nộp hồ sơ"
        self.assertIn(without_marks(reason), sms[0]["text"])
        self.assertIn(reason, mails[0][1])
        self.assertEqual(self.portal.status(d["dossier_no"]), "rejected")
        rows = self.local("SELECT outcome, reason_code FROM decisions WHERE dossier_no = ?", d["dossier_no"])
        self.assertEqual(rows, [("rejected", "photo_mismatch")])
        self.assertEqual(self.local_status(d["dossier_no"]), ("rejected", "rejected"))
        self.assertEqual(self.desk.stop(), 0)

    def test_decision_while_the_portal_is_down_is_delivered_once(self):
        d = self.pick(want_email=False)
        self.start_desk(self.camera_video(d["dossier_no"], "cccd"), "30-offline")
        self.wait_opened(d["dossier_no"])
        self.portal.stop()  # its database stays in portal_dir for the restart
        self.approve(d["dossier_no"])
        queued = self.local("SELECT state FROM outbox WHERE dossier_no = ? AND channel = 'portal_decision'",
                            d["dossier_no"])
        self.assertEqual(len(queued), 1)
        self.assertIn(queued[0][0], ("queued", "sending"))
        self.desk.screenshot("30-offline-decided")
        self.assertEqual(self.sms.messages_to(d["phone"]), [], "nothing reaches the citizen before the portal")
        # The local copy says so at once (queue, status line), without the portal.
        self.assertEqual(self.local_status(d["dossier_no"]), ("approved", "approved"))

        self.portal = Portal(self.ARGS.portal, workdir=self.portal_dir, port=self.portal_port).start()
        sms = wait_for(lambda: self.sms.messages_to(d["phone"]), DELIVER_TIMEOUT, "the SMS after the portal is back")
        self.assertEqual(self.portal.status(d["dossier_no"]), "approved")
        # A few more push rounds: still one decision on the portal and one SMS for the citizen.
        time.sleep(4)
        self.assertEqual(len(self.sms.messages_to(d["phone"])), 1)
        self.assertIn(d["bhxh_code"], sms[0]["text"])
        sent = self.local("SELECT state FROM outbox WHERE dossier_no = ? AND channel = 'portal_decision'",
                          d["dossier_no"])
        self.assertEqual(sent, [("sent",)])
        self.assertEqual(self.local_status(d["dossier_no"]), ("approved", "approved"), "the portal's copy agrees")
        time.sleep(2)  # the desk refreshes what it sent every second
        self.desk.screenshot("31-offline-delivered")
        self.assertEqual(self.desk.stop(), 0)

    def test_bhyt_card_opens_the_declaration_by_its_bhxh_code(self):
        d = self.pick(want_email=True)
        self.start_desk(self.camera_video(d["dossier_no"], "bhyt"), "40-bhyt")
        self.wait_opened(d["dossier_no"])
        shot = self.desk.screenshot("40-bhyt-opened")
        self.assert_shows(shot, d)
        # The approval queue holds the office's seeded declarations (Ctrl+2).
        self.desk.key("ctrl", "2")
        queue = squash(self.desk.ocr(self.desk.screenshot("41-queue"), "vie"))
        pending = [x for x in self.portal.all_declarations() if x["status"] == "pending"]
        shown = [x["dossier_no"] for x in pending if squash(x["dossier_no"]) in queue]
        self.assertGreaterEqual(len(shown), 5, f"the queue lists the seeded declarations; OCR: {queue!r}")
        self.assertEqual(self.desk.stop(), 0)


if __name__ == "__main__":
    main()
