"""The bhxh-desk command line: --version, config check, and bad configuration refused with the
file, line and key named and a non-zero exit (no crash, no window)."""
import argparse
import os
import subprocess
import sys
import tempfile
import unittest

ARGS = None


def run(*args, env=None):
    return subprocess.run([ARGS.app, *args], capture_output=True, text=True, timeout=30, env=env)


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, name, text):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_version(self):
        out = run("--version")
        self.assertEqual(out.returncode, 0)
        self.assertRegex(out.stdout.strip(), r"^bhxh-desk \d+\.\d+\.\d+$")

    def test_config_check_prints_the_paths(self):
        cfg = self.write("ok.toml", '[desk]\noffice_code = "04802"\n[paths]\ndata_dir = "/tmp/x"\n'
                                    '[audit]\nkey_file = "/tmp/k/audit.key"\n')
        out = run("--config", cfg, "config", "check")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("04802-D01", out.stdout)
        self.assertIn("/tmp/x", out.stdout)
        self.assertIn("audit key: /tmp/k/audit.key", out.stdout)

    def test_bad_value_is_refused_with_line_and_key(self):
        cfg = self.write("bad.toml", '[ui]\nlanguage = "vi"\nfont_scale = "huge"\n')
        for args in (["config", "check"], []):  # the console itself refuses before opening a window
            out = run("--config", cfg, *args)
            self.assertEqual(out.returncode, 2, out.stderr)
            self.assertIn("bad.toml:3", out.stderr)
            self.assertIn("ui.font_scale", out.stderr)

    def test_unknown_key_and_syntax_error(self):
        out = run("--config", self.write("typo.toml", "[log]\nlevl = \"info\"\n"), "config", "check")
        self.assertEqual(out.returncode, 2)
        self.assertIn("log.levl", out.stderr)
        out = run("--config", self.write("syntax.toml", "[ui\n"), "config", "check")
        self.assertEqual(out.returncode, 2)
        self.assertIn("syntax.toml:1", out.stderr)

    def test_missing_config_file(self):
        out = run("--config", "/nonexistent/desk.toml", "config", "check")
        self.assertEqual(out.returncode, 2)
        self.assertIn("/nonexistent/desk.toml", out.stderr)

    def test_a_folder_or_device_as_the_configuration_is_refused(self):
        # Issue 18: `--config DIR` ran on the defaults.
        for path in (self.tmp.name, "/dev/null"):
            for args in (["config", "check"], ["sync", "--once"], ["officer", "list"]):
                out = run("--config", path, *args)
                self.assertEqual(out.returncode, 2, (path, args, out.stderr))
                self.assertIn("not a regular file", out.stderr)
        out = run("config", "check", env={**os.environ, "BHXH_DESK_CONFIG": self.tmp.name})
        self.assertEqual(out.returncode, 2, out.stderr)

    def test_nan_and_inf_are_refused(self):
        for text in ("[face]\nsame_at_or_above = nan\n", "[face]\ndifferent_below = -inf\n", "[ui]\nfont_scale = inf\n"):
            out = run("--config", self.write("nan.toml", text), "config", "check")
            self.assertEqual(out.returncode, 2, (text, out.stdout))
            self.assertIn("nan.toml:2", out.stderr)

    def test_audit_export_dates_are_range_checked(self):
        # Issue 18: --to 9999-12-31 overflowed and exported nothing with exit 0.
        cfg = self.write("a.toml", f'[paths]\ndata_dir = "{self.tmp.name}/data"\nlog_dir = "{self.tmp.name}/log"\n')
        made = subprocess.run([ARGS.app, "--config", cfg, "officer", "add", "q6.admin", "--name", "Quản trị", "--role",
                               "admin"], input="mat-khau-du-dai\n", capture_output=True, text=True, timeout=60)
        self.assertEqual(made.returncode, 0, made.stderr)  # a desk with an audit log to export
        out = run("--config", cfg, "audit", "export", "--from", "2026-01-01", "--to", "2199-12-31")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("officer", out.stdout)
        for dates in (("2026-01-01", "9999-12-31"), ("0001-01-01", "2026-01-01"), ("1970-01-01", "2026-01-01")):
            out = run("--config", cfg, "audit", "export", "--from", dates[0], "--to", dates[1])
            self.assertEqual(out.returncode, 2, (dates, out.stdout, out.stderr))
            self.assertIn("from 2000-01-01 to 2199-12-31", out.stderr)

    def test_config_from_environment(self):
        cfg = self.write("env.toml", '[desk]\ndesk_id = "D09"\n')
        out = run("config", "check", env={**os.environ, "BHXH_DESK_CONFIG": cfg})
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("07916-D09", out.stdout)

    def test_damaged_database_stops_the_console_before_the_window(self):
        data = os.path.join(self.tmp.name, "data")
        cfg = self.write("desk.toml", f'[paths]\ndata_dir = "{data}"\nlog_dir = "{self.tmp.name}/log"\n')
        # First start: creates and migrates the store (and takes its first backup), then fails
        # for want of a display; the store must exist afterwards.
        env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
        run("--config", cfg, env=env)
        db = os.path.join(data, "desk.sqlite")
        self.assertTrue(os.path.isfile(db), "the console did not create its store")
        with open(db, "r+b") as f:  # overwrite the header and the first pages
            f.write(b"\xde\xad\xbe\xef" * 2048)
        out = run("--config", cfg, env=env)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("desk.sqlite", out.stderr)
        self.assertIn("backups", out.stderr, "the message must name the last good copy")

    def test_unknown_option_is_a_usage_error(self):
        out = run("--no-such-flag")
        self.assertEqual(out.returncode, 2)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
