"""bhxh-desk audit verify: the chain is built here in Python from the documented canonical
encoding (an independent implementation), then checked by the real executable; an edit made
with sqlite3 is named; exit codes 0 intact, 1 broken, 2 cannot open."""
import argparse
import glob
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from audit_encoding import GENESIS, plain_hash  # noqa: E402

ARGS = None
ISOLATED_CONFIG_HOME = tempfile.TemporaryDirectory()


def make_db(path, entries):
    con = sqlite3.connect(path)
    migrations = sorted(glob.glob(os.path.join(ARGS.migrations, "*.sql")))
    for version, file in enumerate(migrations, start=1):
        with open(file, encoding="utf-8") as f:
            con.executescript(f.read())
        con.execute(f"PRAGMA user_version = {version}")
    prev = GENESIS
    for seq, (kind, officer, subject, detail) in enumerate(entries, start=1):
        at_ms = 1795000000000 + seq
        digest = plain_hash(seq, at_ms, kind, officer, subject, detail, prev)
        con.execute("INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?)",
                    (seq, at_ms, kind, officer, subject, detail, prev, digest))
        prev = digest
    con.commit()
    con.close()


ENTRIES = [("login", "q6.nguyenvana", "q6.nguyenvana", ""),
           ("reveal", "q6.nguyenvana", "07916-2026-000123", "id_number"),
           ("decision", "q6.nguyenvana", "07916-2026-000123", "rejected: Ảnh chân dung không khớp")]


def hermetic_env():
    """No audit key of this machine's user reaches these chains, which are built without one."""
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = ISOLATED_CONFIG_HOME.name
    return env


def verify(*args):
    return subprocess.run([ARGS.app, "audit", "verify", "--lang", "en", *args], capture_output=True, text=True,
                          timeout=30, env=hermetic_env())


class AuditVerifyTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.db = os.path.join(self.tmp.name, "desk.sqlite")
        make_db(self.db, ENTRIES)

    def test_intact_chain_exits_0(self):
        out = verify("--db", self.db)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("intact: 3 entries", out.stdout)

    def test_default_path_is_data_dir_desk_sqlite(self):
        cfg = os.path.join(self.tmp.name, "c.toml")
        with open(cfg, "w") as f:
            f.write(f'[paths]\ndata_dir = "{self.tmp.name}"\n')
        out = subprocess.run([ARGS.app, "--config", cfg, "audit", "verify", "--lang", "en"], capture_output=True,
                             text=True, timeout=30, env=hermetic_env())
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn(self.db, out.stdout)

    def test_edited_entry_is_named_and_exits_1(self):
        con = sqlite3.connect(self.db)
        con.executescript("DROP TRIGGER audit_log_no_update;"
                          "UPDATE audit_log SET detail = 'approved' WHERE seq = 3;")
        con.close()
        out = verify("--db", self.db)
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn("BROKEN at entry 3", out.stdout)
        self.assertIn("2 entries before it are intact", out.stdout)

    def test_missing_file_exits_2(self):
        out = verify("--db", os.path.join(self.tmp.name, "nope.sqlite"))
        self.assertEqual(out.returncode, 2)
        self.assertIn("no such database file", out.stderr)

    def test_not_a_database_exits_2(self):
        path = os.path.join(self.tmp.name, "junk.sqlite")
        with open(path, "wb") as f:
            f.write(b"not a database at all" * 100)
        out = verify("--db", path)
        self.assertEqual(out.returncode, 2)
        self.assertIn(path, out.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--migrations", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
