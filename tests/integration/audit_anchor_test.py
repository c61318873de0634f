"""The keyed, anchored audit chain through the real executables: bhxh-desk on a real SQLite file
with its audit key in a 0700 folder, and the real bhxh-portal on a free loopback port keeping the
anchors. The insider's experiments of issue 18 (forge with recomputed plain hashes, truncate the
tail, delete an entry) must each fail `audit verify`; an untouched chain passes; a wrong key fails;
offline, verify says when the last anchor was taken."""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from audit_encoding import plain_hash  # noqa: E402
from portal_harness import Portal, TOKENS, BASE  # noqa: E402

ARGS = None
DESK = "07916-D01"
ADMIN_PW = "Mật-khẩu-quản-trị-2026"
CLERK_PW = "clerk-password-01"
NO_UPDATE = ("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
             "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;")
NO_DELETE = ("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
             "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;")
TRIGGERS = NO_UPDATE + NO_DELETE


class Desk:
    def __init__(self, folder, port):
        self.dir = folder
        self.data = os.path.join(folder, "data")
        self.key_file = os.path.join(folder, "keys", "audit.key")
        self.token_file = os.path.join(folder, "desk-token")
        with open(self.token_file, "w", encoding="utf-8") as f:
            f.write(TOKENS[DESK] + "\n")
        os.chmod(self.token_file, 0o600)
        self.config = os.path.join(folder, "desk.toml")
        self.write_config(port)
        self.db = os.path.join(self.data, "desk.sqlite")

    def write_config(self, port):
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(f'[desk]\noffice_code = "07916"\ndesk_id = "D01"\n'
                    f'[paths]\ndata_dir = "{self.data}"\nlog_dir = "{os.path.join(self.dir, "log")}"\n'
                    f'[portal]\nbase_url = "http://127.0.0.1:{port}{BASE}"\ntoken_file = "{self.token_file}"\n'
                    f'connect_timeout_ms = 1000\ntimeout_ms = 5000\nretries = 0\n'
                    f'[audit]\nkey_file = "{self.key_file}"\n')

    def run(self, *args, stdin=None):
        env = {k: v for k, v in os.environ.items() if k != "BHXH_DESK_TOKEN"}
        return subprocess.run([ARGS.app, "--config", self.config, *args], input=stdin, capture_output=True,
                              text=True, encoding="utf-8", timeout=60, env=env)

    def verify(self, *extra):
        return self.run("audit", "verify", "--lang", "en", *extra)

    def sql(self, script):
        con = sqlite3.connect(self.db)
        con.executescript(script)
        con.commit()
        con.close()

    def rows(self):
        con = sqlite3.connect(self.db)
        rows = con.execute("SELECT seq, at_ms, kind, officer_id, subject, detail, prev_hash, hash "
                           "FROM audit_log ORDER BY seq").fetchall()
        con.close()
        return rows

    def forge(self, seq, officer, detail):
        """The forge experiment: drop the triggers, rewrite entry `seq` (officer and what was
        done) and re-chain it and every later entry with recomputed plain SHA-256 hashes, then
        restore the triggers. Needs no key; passes a plain hash chain."""
        con = sqlite3.connect(self.db)
        con.executescript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
        rows = con.execute("SELECT seq, at_ms, kind, officer_id, subject, detail, prev_hash FROM audit_log "
                           "WHERE seq >= ? ORDER BY seq", (seq,)).fetchall()
        prev = rows[0][6]
        for s, at_ms, kind, off, subject, det, _ in rows:
            if s == seq:
                off, det = officer, detail
            digest = plain_hash(s, at_ms, kind, off, subject, det, prev)
            con.execute("UPDATE audit_log SET officer_id = ?, detail = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                        (off, det, prev, digest, s))
            prev = digest
        con.commit()
        con.executescript(TRIGGERS)
        con.close()


class AuditAnchorTest(unittest.TestCase):
    def setUp(self):
        self.portal = Portal(ARGS.portal, seed=0).start()
        self.addCleanup(self.portal.stop)
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.desk = Desk(self.tmp.name, self.portal.port)
        d = self.desk
        self.assertEqual(d.run("officer", "add", "q6.admin", "--role", "admin", stdin=ADMIN_PW + "\n").returncode, 0)
        out = d.run("officer", "add", "q6.clerk", "--role", "clerk", "--by", "q6.admin", stdin=CLERK_PW + "\n")
        self.assertEqual(out.returncode, 0, out.stderr)
        for action in ("disable", "enable", "disable"):
            self.assertEqual(d.run("officer", action, "q6.clerk", "--by", "q6.admin").returncode, 0)
        out = d.run("audit", "anchor")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.head = d.rows()[-1]

    def portal_anchor(self):
        r = self.portal.get(f"/desks/{DESK}/audit-anchor")
        self.assertEqual(r.status, 200, r.body)
        return r.json()["anchor"]

    def test_key_file_is_private_and_the_chain_is_keyed_from_the_first_entry(self):
        d = self.desk
        self.assertEqual(os.stat(d.key_file).st_mode & 0o777, 0o600)
        self.assertEqual(os.stat(os.path.dirname(d.key_file)).st_mode & 0o777, 0o700)
        rows = d.rows()
        self.assertEqual(rows[0][2], "audit_key_introduced")
        with open(d.key_file, encoding="utf-8") as f:
            key_hex = f.read().split()[-1]
        for name in os.listdir(d.data):
            path = os.path.join(d.data, name)
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    self.assertNotIn(key_hex.encode(), f.read(), f"the key is in {name}")

    def test_untouched_chain_passes_and_matches_the_portal_anchor(self):
        anchor = self.portal_anchor()
        self.assertEqual((anchor["seq"], anchor["mac"]), (self.head[0], self.head[7]))
        out = self.desk.verify()
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn(f"intact: {self.head[0]} entries", out.stdout)
        self.assertIn(f"matches the portal's anchor of entry {self.head[0]}", out.stdout)

    def test_forge_with_recomputed_plain_hashes_fails(self):
        d = self.desk
        seq = 4  # q6.admin disabling q6.clerk
        self.assertEqual(d.rows()[seq - 1][3], "q6.admin")
        d.forge(seq, "q6.clerk", "enable")
        out = d.verify()
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn(f"BROKEN at entry {seq}", out.stdout)
        self.assertIn("MAC", out.stdout)
        out = d.verify("--offline")
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)

    def test_truncating_the_tail_fails_against_the_portal_anchor(self):
        d = self.desk
        last = self.head[0]
        d.sql("DROP TRIGGER audit_log_no_delete;"
              f"DELETE FROM audit_log WHERE seq >= {last - 1};" + NO_DELETE)
        out = d.verify()
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn(f"BROKEN at entry {last - 1}", out.stdout)
        self.assertIn(f"the portal holds an anchor of entry {last}", out.stdout)

    def test_a_plain_delete_fails(self):
        d = self.desk
        d.sql("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3;")
        out = d.verify()
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn("BROKEN at entry 3", out.stdout)
        self.assertIn("missing", out.stdout)

    def test_a_wrong_key_fails(self):
        other = os.path.join(self.tmp.name, "other", "audit.key")
        out = self.desk.verify("--key-file", other)
        self.assertEqual(out.returncode, 2, "a key file named on the command line must exist")
        # A real key, just not this desk's: made by another desk's init-key.
        cfg = os.path.join(self.tmp.name, "other.toml")
        with open(cfg, "w", encoding="utf-8") as f:
            f.write(f'[paths]\ndata_dir = "{os.path.join(self.tmp.name, "other-data")}"\n'
                    f'[audit]\nkey_file = "{other}"\n')
        made = subprocess.run([ARGS.app, "--config", cfg, "audit", "init-key"], capture_output=True, text=True,
                              timeout=60)
        self.assertEqual(made.returncode, 0, made.stdout + made.stderr)
        out = self.desk.verify("--key-file", other)
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn("BROKEN at entry 1", out.stdout)
        self.assertIn("does not hold", out.stdout)

    def test_offline_verify_says_when_the_last_anchor_was_taken(self):
        self.portal.stop()
        out = self.desk.verify()
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn(f"the last anchor was taken at", out.stdout)
        self.assertIn(f"(entry {self.head[0]})", out.stdout)

    def test_the_portal_refuses_an_anchor_behind_the_last_one(self):
        r = self.portal.post(f"/desks/{DESK}/audit-anchor", {"seq": 1, "mac": "0" * 64, "at": "2026-12-06T10:00:00+07:00"})
        self.assertEqual(r.status, 409, r.body)
        self.assertEqual(r.json()["error"]["code"], "anchor_regression")
        r = self.portal.post(f"/desks/{DESK}/audit-anchor",
                             {"seq": self.head[0], "mac": "f" * 64, "at": "2026-12-06T10:00:00+07:00"})
        self.assertEqual(r.status, 409, r.body)
        self.assertEqual(r.json()["error"]["code"], "anchor_conflict")
        r = self.portal.get("/desks/07916-D02/audit-anchor")
        self.assertEqual(r.status, 403, r.body)
        self.assertEqual(self.portal_anchor()["mac"], self.head[7])

    def test_the_portal_reads_at_as_rfc_3339(self):
        # The portal reads `at` with the desk's own RFC 3339 parser (declarations/rfc3339.h).
        for at in ("yesterday", "2026-12-06 10:00", "2026-13-06T10:00:00+07:00", "2026-12-06T10:00:00"):
            r = self.portal.post(f"/desks/{DESK}/audit-anchor", {"seq": self.head[0] + 5, "mac": "0" * 64, "at": at})
            self.assertEqual(r.status, 422, f"{at}: {r.body}")
            self.assertEqual(r.json()["error"]["code"], "invalid_body")
        self.assertEqual(self.portal_anchor()["mac"], self.head[7])

    def test_rotation_keeps_the_chain_verifiable(self):
        d = self.desk
        out = d.run("audit", "rotate-key")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        rows = d.rows()
        self.assertEqual(rows[-1][2], "audit_key_rotated")
        self.assertEqual(d.run("officer", "enable", "q6.clerk", "--by", "q6.admin").returncode, 0)
        self.assertEqual(d.run("audit", "anchor").returncode, 0)
        out = d.verify()
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn(f"matches the portal's anchor of entry {rows[-1][0] + 1}", out.stdout)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--portal", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
