"""The real bhxh-desk window under Xvfb: it opens, renders Vietnamese (read back by OCR, so
missing glyphs or decomposed text fail the test), switches to English and back with Ctrl+L,
shows the key map on F1, and quits on Ctrl+Q. Screenshots are kept in the artifacts folder."""
import argparse
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from desk_harness import DeskHarness, squash  # noqa: E402

ARGS = None
TOP = "1400x130+0+0"  # menu bar, tab bar and the view's first lines


class WindowTest(unittest.TestCase):
    def setUp(self):
        self.desk = DeskHarness(ARGS.app, ARGS.artifacts)
        self.addCleanup(self.desk.cleanup)

    def assert_vietnamese(self, png):
        text = squash(self.desk.ocr(png, "vie", TOP))
        for label in ("Quầytiếpnhận", "Hàngđợiduyệt", "Càiđặt", "Trợgiúp"):
            self.assertIn(label, text, f"Vietnamese label {label!r} not rendered; OCR read: {text!r}")

    def test_window_language_switch_and_keys(self):
        self.desk.start()
        self.assertEqual(self.desk.geometry(), (1400, 860), "window size from the config")
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

        self.desk.key("F1")
        keys = self.desk.screenshot("04-keymap")
        self.assertIn("Phímtắt", squash(self.desk.ocr(keys, "vie")), "F1 did not open the key map")

        self.assertEqual(self.desk.stop(), 0)

    def test_kiosk_fills_the_screen(self):
        self.desk.start("--kiosk")
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
