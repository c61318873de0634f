"""The kiosk and desktop files in deploy/: the user unit has the keys the kiosk needs, systemd
accepts it (systemd-analyze verify, with no warning about the file) and desktop-file-validate
accepts both desktop entries. A missing tool fails the test with the Debian package to install
(deploy/setup.sh installs both): a skip would let ctest count an unchecked unit as passed."""
import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ARGS = None


class KioskFilesTest(unittest.TestCase):
    def unit(self):
        return os.path.join(ARGS.deploy, "kiosk", "bhxh-desk.service")

    def test_unit_keys(self):
        unit = configparser.ConfigParser(strict=True, interpolation=None)
        unit.optionxform = str
        unit.read(self.unit(), encoding="utf-8")
        self.assertEqual(unit["Service"]["ExecStart"], "/usr/bin/bhxh-desk --kiosk")
        self.assertEqual(unit["Service"]["Restart"], "on-failure")
        self.assertIn("graphical-session.target", unit["Unit"]["After"].split())
        self.assertIn("graphical-session.target", unit["Unit"]["PartOf"].split())
        self.assertEqual(unit["Install"]["WantedBy"], "graphical-session.target")
        # A stop is SIGTERM, which the console answers within 2 s (e2e.shutdown); a hung one is
        # killed after a few seconds rather than systemd's default 90.
        self.assertEqual(unit["Service"].get("KillSignal", "SIGTERM"), "SIGTERM")
        self.assertLessEqual(int(unit["Service"]["TimeoutStopSec"]), 10)

    def test_systemd_accepts_the_unit(self):
        analyze = shutil.which("systemd-analyze")
        self.assertIsNotNone(analyze, "systemd-analyze not found: install the Debian package systemd "
                                      "(apt-get install systemd, or deploy/setup.sh)")
        with tempfile.TemporaryDirectory() as tmp:
            # The binary is not installed on a build machine: verify the same unit pointing at one that is.
            copy = os.path.join(tmp, "bhxh-desk.service")
            with open(self.unit(), encoding="utf-8") as f:
                text = f.read()
            with open(copy, "w", encoding="utf-8") as f:
                f.write(text.replace("/usr/bin/bhxh-desk", ARGS.app))
            out = subprocess.run([analyze, "verify", copy], capture_output=True, text=True, timeout=60)
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
            # verify only warns about unknown keys and bad values; any line about the file is a fault.
            complaints = [l for l in (out.stdout + out.stderr).splitlines() if "bhxh-desk.service" in l]
            self.assertEqual(complaints, [])

    def test_desktop_entries_validate(self):
        validate = shutil.which("desktop-file-validate")
        self.assertIsNotNone(validate, "desktop-file-validate not found: install desktop-file-utils (deploy/setup.sh)")
        for path in (os.path.join(ARGS.deploy, "bhxh-desk.desktop"),
                     os.path.join(ARGS.deploy, "kiosk", "bhxh-desk-kiosk.desktop")):
            out = subprocess.run([validate, path], capture_output=True, text=True, timeout=60)
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
            self.assertEqual(out.stdout.strip(), "", out.stdout)  # no warnings either


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--deploy", required=True)
    parser.add_argument("--app", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
