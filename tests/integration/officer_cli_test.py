"""bhxh-desk officer / audit export / purge on a real data folder: accounts created with the
password on stdin (as scripts do), listed without hashes, disabled, reset; the audit trail
exported as CSV for Excel; photos past the retention period shredded; and an audit row edited
behind the triggers' back named by `audit verify`."""
import argparse
import csv
import datetime
import io
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from desk_seed import seed_decided_photo  # noqa: E402

ARGS = None
ADMIN_PW = "Mật-khẩu-quản-trị-2026"
CLERK_PW = "clerk-password-01"
CLERK_PW2 = "clerk-password-02"
ADMIN_NAME = 'Trần Thị "Bình", Quận 6'


class Desk:
    def __init__(self, folder, extra_config=""):
        self.data = os.path.join(folder, "data")
        self.config = os.path.join(folder, "desk.toml")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(f'[paths]\ndata_dir = "{self.data}"\nlog_dir = "{os.path.join(folder, "log")}"\n'
                    f'[audit]\nkey_file = "{os.path.join(folder, "keys", "audit.key")}"\n{extra_config}')
        self.db = os.path.join(self.data, "desk.sqlite")

    def run(self, *args, stdin=None):
        return subprocess.run([ARGS.app, "--config", self.config, *args], input=stdin, capture_output=True,
                              text=True, encoding="utf-8", timeout=60)

    def add(self, officer, role, password, name=None, by=None):
        args = ["officer", "add", officer, "--role", role]
        if name:
            args += ["--name", name]
        if by:
            args += ["--by", by]
        return self.run(*args, stdin=password + "\n")

    def audit_rows(self):
        con = sqlite3.connect(self.db)
        rows = con.execute("SELECT seq, kind, officer_id, subject, detail FROM audit_log ORDER BY seq").fetchall()
        con.close()
        return rows

    def folder_contains(self, needle):
        needle = needle.encode("utf-8") if isinstance(needle, str) else needle
        for root, _, files in os.walk(self.data):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    if needle in f.read():
                        return os.path.join(root, name)
        return None


class OfficerCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.desk = Desk(self.tmp.name)

    def test_officer_lifecycle(self):
        d = self.desk
        out = d.add("q6.admin", "admin", ADMIN_PW, name=ADMIN_NAME)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("q6.admin added (admin)", out.stdout)
        out = d.add("q6.clerk", "clerk", CLERK_PW, name="Nguyễn Văn An", by="q6.admin")
        self.assertEqual(out.returncode, 0, out.stderr)

        listing = d.run("officer", "list")
        self.assertEqual(listing.returncode, 0, listing.stderr)
        self.assertIn(ADMIN_NAME, listing.stdout)
        self.assertIn("Nguyễn Văn An", listing.stdout)
        clerk_line = next(line for line in listing.stdout.splitlines() if line.startswith("q6.clerk"))
        self.assertRegex(clerk_line, r"^q6\.clerk\s+clerk\s+no\s+-\s+Nguyễn Văn An$")
        self.assertNotIn("argon2", listing.stdout)

        # Refusals: taken id (1), short password (2), unknown role (2), bad id (2).
        self.assertEqual(d.add("q6.clerk", "clerk", CLERK_PW).returncode, 1)
        short = d.add("q6.short", "clerk", "abc123")
        self.assertEqual(short.returncode, 2)
        self.assertIn("at least 8 characters", short.stderr)
        self.assertNotIn("abc123", short.stderr + short.stdout)
        self.assertEqual(d.add("q6.x", "root", CLERK_PW).returncode, 2)
        self.assertEqual(d.add("Q6 X", "clerk", CLERK_PW).returncode, 2)
        self.assertEqual(d.run("officer", "add", "q6.nopw", "--role", "clerk", stdin="").returncode, 2)

        # A lockout written by the console shows in the listing; a reset clears it.
        con = sqlite3.connect(d.db)
        until = int((time.time() + 300) * 1000)
        con.execute("UPDATE officers SET failed_logins = 0, locked_until_ms = ? WHERE id = 'q6.clerk'", (until,))
        con.commit()
        old_hash = con.execute("SELECT password_hash FROM officers WHERE id = 'q6.clerk'").fetchone()[0]
        con.close()
        self.assertTrue(old_hash.startswith("$argon2id$"))
        locked_line = next(l for l in d.run("officer", "list").stdout.splitlines() if l.startswith("q6.clerk"))
        self.assertRegex(locked_line, r"clerk\s+no\s+\d\d:\d\d:\d\d \d\d/\d\d/\d{4}")

        out = d.run("officer", "reset", "q6.clerk", "--by", "q6.admin", stdin=CLERK_PW2 + "\n")
        self.assertEqual(out.returncode, 0, out.stderr)
        con = sqlite3.connect(d.db)
        new_hash, failed, locked = con.execute(
            "SELECT password_hash, failed_logins, locked_until_ms FROM officers WHERE id = 'q6.clerk'").fetchone()
        con.close()
        self.assertNotEqual(new_hash, old_hash)
        self.assertEqual((failed, locked), (0, 0))
        self.assertEqual(d.run("officer", "reset", "q6.nobody", stdin=CLERK_PW2 + "\n").returncode, 1)

        out = d.run("officer", "disable", "q6.clerk", "--by", "q6.admin")
        self.assertEqual(out.returncode, 0, out.stderr)
        clerk_line = next(l for l in d.run("officer", "list").stdout.splitlines() if l.startswith("q6.clerk"))
        self.assertRegex(clerk_line, r"^q6\.clerk\s+clerk\s+yes\s+")
        last_admin = d.run("officer", "disable", "q6.admin")
        self.assertEqual(last_admin.returncode, 1)
        self.assertIn("last active admin", last_admin.stderr)
        self.assertEqual(d.run("officer", "disable", "q6.nobody").returncode, 1)
        self.assertEqual(d.run("officer", "enable", "q6.clerk", "--by", "q6.admin").returncode, 0)

        rows = [r for r in d.audit_rows() if r[1] == "officer"]
        self.assertEqual([(r[2], r[3], r[4].split(" ")[0]) for r in rows],
                         [("cli", "q6.admin", "add"), ("q6.admin", "q6.clerk", "add"), ("q6.admin", "q6.clerk", "reset"),
                          ("q6.admin", "q6.clerk", "disable"), ("q6.admin", "q6.clerk", "enable")])
        # No password, in clear, anywhere in the data folder (database, WAL, backups).
        for pw in (ADMIN_PW, CLERK_PW, CLERK_PW2):
            self.assertIsNone(d.folder_contains(pw), pw)
        self.assertEqual(d.run("audit", "verify").returncode, 0)

    def test_audit_export_csv(self):
        d = self.desk
        self.assertEqual(d.add("q6.admin", "admin", ADMIN_PW, name=ADMIN_NAME).returncode, 0)
        self.assertEqual(d.add("q6.sup", "supervisor", CLERK_PW, name="Lê Văn Cường", by="q6.admin").returncode, 0)
        today = datetime.date.today()
        target = os.path.join(self.tmp.name, "audit.csv")
        out = d.run("audit", "export", "--from", (today - datetime.timedelta(days=1)).isoformat(),
                    "--to", today.isoformat(), "--out", target, "--by", "q6.sup")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(os.stat(target).st_mode & 0o777, 0o600)
        with open(target, "rb") as f:
            raw = f.read()
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), raw[:10])
        text = raw[3:].decode("utf-8")
        self.assertTrue(text.startswith("seq,time,kind,officer,subject,detail,hash\r\n"))
        rows = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(rows[0], ["seq", "time", "kind", "officer", "subject", "detail", "hash"])
        self.assertEqual(len(rows), 4)
        # The first entry puts the log under the desk's audit key ([audit] key_file).
        self.assertEqual((rows[1][0], rows[1][2]), ("1", "audit_key_introduced"))
        first = rows[2]
        self.assertEqual(first[0], "2")
        self.assertRegex(first[1], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")
        self.assertEqual((first[2], first[3], first[4]), ("officer", "cli", "q6.admin"))
        # The display name, with its quote and comma, comes back intact through RFC 4180 quoting.
        self.assertIn(ADMIN_NAME, first[5])
        self.assertRegex(first[6], r"^[0-9a-f]{64}$")
        self.assertIn("Lê Văn Cường", rows[3][5])

        # The export itself is on the record, and the chain still holds.
        last = d.audit_rows()[-1]
        self.assertEqual((last[1], last[2], last[3]), ("export", "q6.sup", "audit_log"))
        self.assertIn("3 entries to audit.csv", last[4])
        self.assertEqual(d.run("audit", "verify").returncode, 0)

        # To stdout; an empty range; bad dates.
        out = d.run("audit", "export", "--from", today.isoformat(), "--to", today.isoformat())
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertTrue(out.stdout.startswith("\ufeffseq,time,"))
        out = d.run("audit", "export", "--from", "2001-01-01", "--to", "2001-01-02", "--out", target)
        self.assertEqual(out.returncode, 0, out.stderr)
        with open(target, "rb") as f:
            self.assertEqual(f.read(), b"\xef\xbb\xbfseq,time,kind,officer,subject,detail,hash\r\n")
        self.assertEqual(d.run("audit", "export", "--from", "2026-02-30", "--to", "2026-03-01").returncode, 2)
        self.assertEqual(d.run("audit", "export", "--from", "2026-03-02", "--to", "2026-03-01").returncode, 2)

    def test_purge_shreds_old_photos_keeps_recent(self):
        desk = Desk(self.tmp.name, "[privacy]\nretention_days = 10\n")
        self.assertEqual(desk.add("q6.admin", "admin", ADMIN_PW).returncode, 0)
        paths = {dossier: seed_decided_photo(desk.data, dossier, age_days, "q6.admin")
                 for dossier, age_days in (("07916-2026-000101", 15), ("07916-2026-000102", 5))}
        out = desk.run("purge", "--by", "q6.admin")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("more than 10 days", out.stdout)
        self.assertIn("files 1,", out.stdout)
        self.assertFalse(os.path.exists(paths["07916-2026-000101"]))
        self.assertTrue(os.path.exists(paths["07916-2026-000102"]))
        self.assertIsNone(desk.folder_contains("PHOTO-OF-07916-2026-000101"))
        self.assertIsNotNone(desk.folder_contains("PHOTO-OF-07916-2026-000102"))
        con = sqlite3.connect(desk.db)
        cleared = con.execute("SELECT dossier_no FROM declaration_files WHERE local_path IS NULL").fetchall()
        con.close()
        self.assertEqual(cleared, [("07916-2026-000101",)])
        last = desk.audit_rows()[-1]
        self.assertEqual((last[1], last[2], last[3]), ("purge", "q6.admin", "retention"))

        # --days overrides the configuration.
        out = desk.run("purge", "--days", "3")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertFalse(os.path.exists(paths["07916-2026-000102"]))
        self.assertEqual(desk.run("purge", "--days", "0").returncode, 2)
        self.assertEqual(desk.run("audit", "verify").returncode, 0)

    def test_purge_uses_the_retention_set_on_the_settings_screen(self):
        desk = Desk(self.tmp.name, "[privacy]\nretention_days = 10\n")
        self.assertEqual(desk.add("q6.admin", "admin", ADMIN_PW).returncode, 0)
        path = seed_decided_photo(desk.data, "07916-2026-000103", 5, "q6.admin")
        out = desk.run("purge")
        self.assertIn("more than 10 days", out.stdout)
        self.assertTrue(os.path.exists(path), "5 days old is kept at the file's 10 days")
        # What the settings screen stores (the console's own tests drive the screen itself).
        con = sqlite3.connect(desk.db)
        con.execute("INSERT INTO settings(key, value, updated_ms) VALUES('privacy.retention_days', '4', ?)",
                    (int(time.time() * 1000),))
        con.commit()
        con.close()
        out = desk.run("purge")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("more than 4 days", out.stdout)
        self.assertFalse(os.path.exists(path))

    def test_audit_row_edited_behind_the_triggers_is_named(self):
        d = self.desk
        self.assertEqual(d.add("q6.admin", "admin", ADMIN_PW).returncode, 0)
        self.assertEqual(d.add("q6.clerk", "clerk", CLERK_PW, by="q6.admin").returncode, 0)
        self.assertEqual(d.run("officer", "disable", "q6.clerk", "--by", "q6.admin").returncode, 0)
        self.assertEqual(d.run("audit", "verify").returncode, 0)
        con = sqlite3.connect(d.db)
        # What an attacker with the file would do: drop the guards, then rewrite who did it.
        con.executescript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
                          "UPDATE audit_log SET officer_id = 'cli' WHERE seq = 3;")
        con.close()
        out = d.run("audit", "verify", "--lang", "en")
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn("BROKEN at entry 3", out.stdout)

    def test_bad_by_is_a_usage_error_before_anything_runs(self):
        d = self.desk
        self.assertEqual(d.add("q6.admin", "admin", ADMIN_PW).returncode, 0)
        before = d.audit_rows()
        today = datetime.date.today().isoformat()
        for args in (("purge", "--by", "Q6 Admin"),
                     ("audit", "export", "--from", today, "--to", today, "--by", "-q6"),
                     ("officer", "disable", "q6.admin", "--by", ""),
                     ("officer", "add", "q6.clerk", "--role", "clerk", "--by", "q6/admin")):
            out = d.run(*args, stdin=CLERK_PW + "\n")
            self.assertEqual(out.returncode, 2, f"{args}: {out.stdout}{out.stderr}")
            self.assertIn("--by", out.stderr, args)
            self.assertIn("an officer id is 1-64 characters", out.stderr, args)
        self.assertEqual(d.audit_rows(), before, "a refused --by writes nothing")
        # A good one still goes through, on each command.
        self.assertEqual(d.run("purge", "--by", "q6.admin").returncode, 0)
        self.assertEqual(d.run("audit", "export", "--from", today, "--to", today, "--by", "q6.admin",
                               "--out", os.path.join(self.tmp.name, "a.csv")).returncode, 0)
        self.assertEqual(d.audit_rows()[-1][1:3], ("export", "q6.admin"))

    def test_no_database_is_a_usage_error(self):
        self.assertEqual(self.desk.run("officer", "list").returncode, 2)
        self.assertEqual(self.desk.run("purge").returncode, 2)
        self.assertEqual(self.desk.run("audit", "export", "--from", "2026-01-01", "--to", "2026-01-02").returncode, 2)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
