"""The real bhxh-desk window under Xvfb: it opens on the sign-in screen (the views stay hidden),
an officer signs in, it renders Vietnamese (read back by OCR, so missing glyphs or decomposed text
fail the test), switches to English and back with Ctrl+L, shows the key map on F1, locks on F12
until the officer's password is given again, and quits on Ctrl+Q. A desk with no officer asks
for the first administrator. Screenshots are kept in the artifacts folder."""
import argparse
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from desk_harness import DeskHarness, squash  # noqa: E402
from desk_seed import seed_decided_photo  # noqa: E402

ARGS = None
TOP = "1400x130+0+0"  # menu bar, tab bar and the view's first lines
CLERK, CLERK_PASSWORD = "q6.clerk", "clerk-pass-4821"


class WindowTest(unittest.TestCase):
    def setUp(self):
        self.desk = DeskHarness(ARGS.app, ARGS.artifacts)
        self.addCleanup(self.desk.cleanup)
        if not self._testMethodName.startswith("test_first_start"):
            self.desk.add_officer(CLERK, CLERK_PASSWORD, "clerk", "Nguyễn Thị Lan")

    def assert_vietnamese(self, png):
        text = squash(self.desk.ocr(png, "vie", TOP))
        for label in ("Quầytiếpnhận", "Hàngđợiduyệt", "Càiđặt", "Trợgiúp"):
            self.assertIn(label, text, f"Vietnamese label {label!r} not rendered; OCR read: {text!r}")

    def assert_gate(self, png, label):
        text = squash(self.desk.ocr(png, "vie"))
        self.assertIn(label, text, f"{label!r} not on the screen; OCR read: {text!r}")
        self.assertNotIn("Quầytiếpnhận", text, "the views must stay hidden behind the sign-in / lock screen")

    def test_window_language_switch_and_keys(self):
        self.desk.start()
        self.assertEqual(self.desk.geometry(), (1400, 860), "window size from the config")
        self.assert_gate(self.desk.screenshot("00-sign-in"), "Đăngnhập")
        self.desk.sign_in(CLERK, CLERK_PASSWORD)
        vi = self.desk.screenshot("01-window-vi")
        self.assertGreater(self.desk.std_dev(vi), 0.05, "the screenshot is blank")
        self.assert_vietnamese(vi)
        status = squash(self.desk.ocr(vi, "vie", "1400x48+0+812"))
        self.assertIn("Cánbộ", status, f"status bar: {status!r}")

        self.desk.key("ctrl", "l")
        en = self.desk.screenshot("02-window-en")
        text = squash(self.desk.ocr(en, "eng", TOP))
        for label in ("Walk-indesk", "Approvalqueue", "Outbox", "Settings"):
            self.assertIn(label, text, f"English label {label!r} missing after Ctrl+L; OCR read: {text!r}")
        self.assertNotIn("Quầytiếpnhận", squash(self.desk.ocr(en, "vie", TOP)))

        self.desk.key("ctrl", "l")
        back = self.desk.screenshot("03-window-vi-again")
        self.assert_vietnamese(back)

        self.desk.key("ctrl", "5")
        denied = squash(self.desk.ocr(self.desk.screenshot("03b-settings-clerk"), "vie"))
        self.assertIn("dànhchoquảntrịviên", denied, "a clerk does not see the settings")
        self.desk.key("ctrl", "6")
        trail = squash(self.desk.ocr(self.desk.screenshot("03c-audit-clerk"), "vie"))
        self.assertIn("dànhchogiámsátviên", trail)
        self.assertEqual(self.audit("audit_view"), [], "a clerk does not read the audit trail")
        self.desk.key("ctrl", "1")

        self.desk.key("F1")
        keys = self.desk.screenshot("04-keymap")
        # The map's own first row (its title bar can sit on the menu bar once the list fills the
        # screen, where OCR merges the two).
        self.assertIn("Hiệnhoặcẩnbảngphímtắt", squash(self.desk.ocr(keys, "vie")), "F1 did not open the key map")

        self.assertEqual(self.desk.stop(), 0)

    def audit(self, kind):
        return self.desk.query("SELECT officer_id, detail FROM audit_log WHERE kind = ?", kind)

    def test_lock_hides_the_views_until_the_password(self):
        self.desk.start()
        self.desk.sign_in(CLERK, CLERK_PASSWORD)
        self.desk.key("F12")
        self.assert_gate(self.desk.screenshot("06-locked"), "Mànhìnhđãkhóa")
        self.desk.type_text("not-the-password")
        self.desk.key("Return")
        failed = []
        for _ in range(40):  # the refusal is audited once argon2id has run
            failed = self.audit("login_failed")
            if failed:
                break
            time.sleep(0.25)
        self.assertEqual(len(failed), 1, "the wrong password is audited")
        self.assertIn("unlock", failed[0][1])
        self.assertNotIn("not-the-password", failed[0][1])
        self.assert_gate(self.desk.screenshot("07-locked-wrong-password"), "Mànhìnhđãkhóa")
        self.desk.type_text(CLERK_PASSWORD)
        self.desk.key("Return")
        opened = None
        for _ in range(10):
            opened = squash(self.desk.ocr(self.desk.screenshot("08-unlocked"), "vie", TOP))
            if "Quầytiếpnhận" in opened:
                break
        self.assertIn("Quầytiếpnhận", opened, "the right password opens the desk again")
        self.assertEqual(self.desk.stop(), 0)

    def test_first_start_asks_for_an_administrator(self):
        self.desk.start()
        self.assert_gate(self.desk.screenshot("09-first-admin"), "Tạotàikhoảnquảntrị")
        self.desk.type_text("q6.admin")
        self.desk.key("Tab")
        self.desk.type_text("Quan tri vien")
        self.desk.key("Tab")
        self.desk.type_text("admin-pass-7731")
        self.desk.key("Tab")
        self.desk.type_text("admin-pass-7731")
        self.desk.key("Return")
        self.desk.wait_signed_in("q6.admin")
        # The administrator's settings screen: the configuration in force and its connection tests.
        self.desk.key("ctrl", "5")
        settings = squash(self.desk.ocr(self.desk.screenshot("10-settings-admin"), "vie"))
        for label in ("Cổnggiaodịch", "Kiểmtrakếtnối", "Sốngàygiữảnh"):
            self.assertIn(label, settings, f"settings screen: {settings!r}")
        # The audit trail (Ctrl+6): the administrator's own sign-in is there, and the chain holds.
        self.desk.key("ctrl", "6")
        trail = squash(self.desk.ocr(self.desk.screenshot("11-audit-admin"), "vie"))
        self.assertIn("login", trail, f"audit screen: {trail!r}")
        self.assertIn("officer", trail)
        self.assertEqual([row[0] for row in self.audit("audit_view")], ["q6.admin"], "viewing the trail is audited")
        self.assertEqual(self.desk.stop(), 0)
        listed = subprocess.run([ARGS.app, "--config", self.desk.config, "officer", "list"], capture_output=True,
                                text=True, timeout=60)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertRegex(listed.stdout, r"q6\.admin\s+admin")

    def test_console_purges_old_photos_at_start(self):
        """The retention purge runs when the console starts (and daily while it runs)."""
        data = os.path.join(self.desk.tmp, "data")
        photos = {dossier: seed_decided_photo(data, dossier, age_days)
                  for dossier, age_days in (("07916-2026-000901", 45), ("07916-2026-000902", 2))}
        self.desk.start()
        for _ in range(80):
            if not os.path.exists(photos["07916-2026-000901"]):
                break
            time.sleep(0.25)
        self.assertFalse(os.path.exists(photos["07916-2026-000901"]), "a photo past retention_days (30) is purged")
        self.assertTrue(os.path.exists(photos["07916-2026-000902"]), "a recent one stays")
        self.assertEqual([row[0] for row in self.audit("purge")], ["system"])
        self.assertEqual(self.desk.stop(), 0)

    def test_kiosk_fills_the_screen(self):
        self.desk.start("--kiosk", "--officer", CLERK)
        self.desk.sign_in(CLERK, CLERK_PASSWORD, prefilled=True)
        shot = self.desk.screenshot("05-kiosk")
        self.assertEqual(self.desk.geometry(), (1600, 900), "--kiosk must fill the screen")
        text = squash(self.desk.ocr(shot, "vie", "1600x160+0+0"))
        self.assertIn("Quầytiếpnhận", text)
        self.assertEqual(self.desk.stop(), 0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--artifacts", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
