"""The set-up the walk-in desk's end-to-end tests share: the reference portal (bhxh-portal) on a
loopback port, an HTTP SMS gateway (generic profile), a real SMTP server (aiosmtpd), a desk token,
and the bhxh-desk window under Xvfb signed in as a clerk, with the camera a video of one seeded
citizen's card. Tests subclass DeskE2E and set ARGS (argparse: app, portal, video, artifacts,
handler_dir, python) before unittest runs."""
import argparse
import os
import re
import sys
import tempfile
import time
import unittest

from desk_harness import DeskHarness, squash
from portal_harness import TOKENS, Portal
from vn_text import without_marks  # noqa: F401 (the tests take it from here)
from sinks import SmsSink, SmtpSink, free_port, wait_for

SMS_TOKEN = "sms-e2e-token-4b1f9a7c"
OPEN_TIMEOUT = 90      # camera → decoder → local copy → claim on the portal, on a loaded machine
DELIVER_TIMEOUT = 90   # outbox push to the portal, then SMS and e-mail
CLERK = ("q6.clerk", "clerk-pass-4821")


def folded(text):
    """OCR text compared without marks, case or white space."""
    return squash(without_marks(text)).lower()


class DeskE2E(unittest.TestCase):
    ARGS = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bhxh-desk-e2e-")
        self.portal_dir = os.path.join(self.tmp, "portal")
        os.makedirs(self.portal_dir)
        self.portal_port = free_port()
        self.portal = Portal(self.ARGS.portal, workdir=self.portal_dir, port=self.portal_port).start()
        self.addCleanup(lambda: self.portal.stop())
        self.sms = SmsSink(SMS_TOKEN)
        self.addCleanup(self.sms.stop)
        self.smtp = SmtpSink(os.path.join(self.tmp, "smtp"), self.ARGS.handler_dir, self.ARGS.python)
        self.addCleanup(self.smtp.stop)
        self.token_file = os.path.join(self.tmp, "desk-token")
        with open(self.token_file, "w", encoding="utf-8") as f:
            f.write(TOKENS["07916-D01"] + "\n")
        os.chmod(self.token_file, 0o600)
        os.environ["BHXH_SMS_TOKEN"] = SMS_TOKEN
        self.desk = None

    # --- set-up helpers -------------------------------------------------------------------------

    def pick(self, want_email=True, skip=()):
        """A pending, individual register declaration whose phone and e-mail no other BHXH code
        uses (so every rule of the form passes), with an e-mail address when asked."""
        everything = self.portal.all_declarations()
        def shared(field, d):
            value = d.get(field)
            return value and any(o.get(field) == value and o["bhxh_code"] != d["bhxh_code"] for o in everything)
        for d in everything:
            if (d["status"] == "pending" and d["request"] == "register" and d["kind"] == "individual"
                    and bool(d.get("email")) == want_email and d["dossier_no"] not in skip
                    and not shared("phone", d) and not shared("email", d)):
                return d
        self.fail("the seeded portal has no suitable pending individual register declaration")

    def camera_video(self, dossier_no, kind, edit=None):
        return self.portal.camera_video(self.ARGS.video, self.tmp, dossier_no, kind, edit=edit)

    def config(self, video, extra="", scan=""):
        return (f'[desk]\noffice_code = "07916"\ndesk_id = "D01"\nfour_eyes = false\n'
                f'[decision]\nnew_officer_decisions = 0\n'
                f'[portal]\nbase_url = "http://127.0.0.1:{self.portal_port}/api/desk/v1"\n'
                f'token_file = "{self.token_file}"\nsync_interval_s = 5\npush_interval_s = 1\n'
                f'connect_timeout_ms = 1000\ntimeout_ms = 5000\nretries = 0\n'
                f'[camera]\nsource = "{video}"\nfps = 10\n'
                f'[scan]\ndedup_window_ms = 600000\n{scan}'
                f'[sms]\ndriver = "http"\nprofile = "generic"\nurl = "{self.sms.url}"\n'
                f'[email]\ndriver = "smtp"\nurl = "{self.smtp.url}"\n'
                f'from_address = "no-reply@bhxh-q6.example.vn"\nfrom_name = "BHXH Quận 6"\n{extra}')

    def start_desk(self, video, name, extra="", scan=""):
        self.desk = DeskHarness(self.ARGS.app, self.ARGS.artifacts, config_extra=self.config(video, extra, scan))
        self.addCleanup(self.desk.cleanup)
        self.desk.add_officer(CLERK[0], CLERK[1], "clerk", "Trần Văn Bình")
        self.desk.start(timeout=60)
        self.desk.sign_in(*CLERK)
        self.step = name

    def wait_opened(self, dossier_no):
        """The desk claims the declaration on the portal when it opens it."""
        try:
            wait_for(lambda: self.portal.status(dossier_no) == "claimed", OPEN_TIMEOUT, f"the desk to open and claim {dossier_no}")
        except AssertionError:
            self.desk.screenshot(self.step + "-not-opened")
            raise AssertionError(f"{dossier_no} was not opened; console output: {self.desk.output()[-2000:]}")

    def approve(self, dossier_no, timeout=60):
        """F8, then Enter on the one-line confirmation. F8 is refused while the face check still
        runs, so the pair is pressed again until the decision is recorded."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.desk.key("F8")
            self.desk.key("Return")
            # A decision the portal refused at once has moved to refused_decisions already.
            if self.local("SELECT id FROM decisions WHERE dossier_no = ?1 UNION ALL "
                          "SELECT id FROM refused_decisions WHERE dossier_no = ?1", dossier_no):
                return
            time.sleep(0.5)
        self.desk.screenshot(self.step + "-not-approved")
        self.fail(f"F8 + Enter did not approve {dossier_no}")

    def assert_shows(self, png, declaration):
        text = squash(self.desk.ocr(png, "vie"))
        self.assertIn(squash(declaration["full_name"]), text, f"the citizen's name is not on screen; OCR: {text!r}")

    def assert_screen_says(self, png, *phrases):
        """Each phrase is on screen (compared without marks, case or spaces: OCR drops some)."""
        # Read twice: as it is, and black and white (orange and red text reads better so).
        text = folded(self.desk.ocr(png, "vie")) + "|" + folded(self.desk.ocr(png, "vie", threshold=70))
        for phrase in phrases:
            self.assertIn(folded(phrase), text, f"{phrase!r} is not on screen; OCR: {text!r}")

    def assert_logs_clean(self, d, password):
        """No ID number, BHXH code, phone or password in clear in anything the desk logged."""
        text = self.desk.output() + self.desk.logs()
        self.assertTrue(text.strip(), "the desk wrote a log")
        for secret in (d["id_number"], d["bhxh_code"], d["phone"], password):
            self.assertNotIn(secret, text)
        # Any 12-digit ID, 10-digit code or phone number at all (the tmp folder names are masked too).
        for pattern in (r"(?<!\d)\d{12}(?!\d)", r"(?<!\d)\d{10}(?!\d)", r"(?<!\d)0\d{2}[ .-]?\d{3}[ .-]?\d{4}(?!\d)"):
            self.assertIsNone(re.search(pattern, text), f"{pattern} found in the logs")

    def local(self, sql, *params):
        return self.desk.query(sql, *params)

    def local_status(self, dossier_no):
        """The cached declaration's status: the queue's column and the stored document's."""
        rows = self.local("SELECT status, json_extract(json, '$.status') FROM declarations WHERE dossier_no = ?",
                          dossier_no)
        return rows[0] if rows else None


def main():
    """Parses the arguments CMake passes (tests/e2e/CMakeLists.txt) and runs the tests."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--portal", required=True)
    parser.add_argument("--video", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--handler-dir", required=True)
    parser.add_argument("--python", default="/usr/bin/python3")
    DeskE2E.ARGS, rest = parser.parse_known_args()
    unittest.main(module="__main__", argv=[sys.argv[0], *rest], verbosity=2)
