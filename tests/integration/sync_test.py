"""bhxh-desk sync --once and the libcurl PortalClient against the real bhxh-portal on a free
loopback port (and a tiny broken server for malformed JSON). Real files, real SQLite, real HTTP."""
import argparse
import hashlib
import http.server
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid
from datetime import datetime, timedelta

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from portal_harness import Portal, TOKENS, BASE  # noqa: E402

ARGS = None
DESK = "07916-D01"


class Desk:
    """A desk's config and data folder in a temporary directory."""

    def __init__(self, testcase, port, token=TOKENS[DESK], token_mode=0o600, base_url=None):
        self.tmp = tempfile.TemporaryDirectory()
        testcase.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name
        self.data = os.path.join(self.dir, "data")
        self.token_file = os.path.join(self.dir, "desk-token")
        with open(self.token_file, "w", encoding="utf-8") as f:
            f.write(token + "\n")
        os.chmod(self.token_file, token_mode)
        self.config = os.path.join(self.dir, "desk.toml")
        self.write_config(base_url or f"http://127.0.0.1:{port}{BASE}")

    def write_config(self, base_url):
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(f'[desk]\noffice_code = "07916"\ndesk_id = "D01"\n'
                    f'[paths]\ndata_dir = "{self.data}"\nlog_dir = "{os.path.join(self.dir, "log")}"\n'
                    f'[portal]\nbase_url = "{base_url}"\ntoken_file = "{self.token_file}"\n'
                    f'connect_timeout_ms = 2000\ntimeout_ms = 10000\nretries = 4\n')

    def sync(self, *extra):
        env = {k: v for k, v in os.environ.items() if k != "BHXH_DESK_TOKEN"}
        r = subprocess.run([ARGS.app, "--config", self.config, "sync", "--once", *extra], capture_output=True,
                           text=True, timeout=300, env=env)
        self.last = r
        assert TOKENS[DESK] not in r.stdout + r.stderr, "the token was printed"
        summary = json.loads(r.stdout.strip().splitlines()[-1]) if r.stdout.strip() else None
        return r.returncode, summary, r.stderr

    def db(self):
        return sqlite3.connect(os.path.join(self.data, "desk.sqlite"))

    def rows(self):
        with self.db() as c:
            return dict(c.execute("SELECT dossier_no, version FROM declarations").fetchall())

    def statuses(self):
        with self.db() as c:
            return dict(c.execute("SELECT dossier_no, status FROM declarations").fetchall())

    def cursor(self):
        with self.db() as c:
            row = c.execute("SELECT cursor FROM sync_state WHERE scope = 'office:07916'").fetchone()
            return row[0] if row else None

    def files(self):
        with self.db() as c:
            return c.execute("SELECT dossier_no, kind, sha256, local_path FROM declaration_files").fetchall()

    def snapshot(self):
        with self.db() as c:
            return (c.execute("SELECT * FROM declarations ORDER BY dossier_no").fetchall(),
                    c.execute("SELECT scope, cursor FROM sync_state").fetchall())

    def last_error(self):
        with self.db() as c:
            return c.execute("SELECT last_error FROM sync_state WHERE scope = 'office:07916'").fetchone()[0]


def portal_items(portal):
    """Every declaration of the office, retrying injected faults (503, cut bodies)."""
    items, cursor = [], None
    while True:
        q = "/offices/07916/declarations?limit=500" + (f"&after={cursor}" if cursor else "")
        for _ in range(200):
            try:
                r = portal.get(q)
                if r.status == 200:
                    page = r.json()
                    break
            except Exception:  # noqa: BLE001 - a dropped connection; try again
                pass
        else:
            raise AssertionError("portal never answered " + q)
        items += page["items"]
        if len(page["items"]) < 500:
            return items
        cursor = page["next_cursor"]


def decision_body(lease_id):
    return {"lease_id": lease_id, "decision": "approved", "reason_code": None, "reason_text": None,
            "officer_id": "q6.nguyenvana", "decided_at": "2026-11-22T08:30:00+07:00",
            "checks": {"face_score": 0.71, "face_model": "sface", "fields_matched": ["full_name"],
                       "card_scanned": "cccd", "walk_in": True}}


def probe(port, *args):
    env = dict(os.environ, BHXH_DESK_TOKEN=TOKENS[DESK])
    r = subprocess.run([ARGS.probe, "--base-url", f"http://127.0.0.1:{port}{BASE}", "--desk", DESK, *args],
                       capture_output=True, text=True, timeout=120, env=env)
    assert TOKENS[DESK] not in r.stdout + r.stderr
    return r.returncode, json.loads(r.stdout.strip().splitlines()[-1])


class PortalCase(unittest.TestCase):
    def start_portal(self, *extra, seed=30):
        p = Portal(ARGS.portal, *extra, seed=seed, seed_value=5).start()
        self.addCleanup(p.stop)
        return p

    def synced_desk_then_broken_server(self):
        """A desk synced from a real portal, then pointed at BrokenHandler: (desk, the portal's
        declarations, the desk's table and cursor before the broken answers)."""
        portal = self.start_portal("--no-photos", seed=10)
        desk = Desk(self, portal.port)
        rc, s, err = desk.sync()
        self.assertEqual(rc, 0, err)
        good = portal_items(portal)
        before = desk.snapshot()
        self.assertGreater(len(before[0]), 0)
        self.point_at_broken_server(desk)
        return desk, good, before

    def point_at_broken_server(self, desk):
        """The desk's base_url to a loopback server answering every GET with BrokenHandler.body."""
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BrokenHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        desk.write_config(f"http://127.0.0.1:{server.server_address[1]}{BASE}")


class IncrementalSyncTest(PortalCase):
    def test_pull_then_only_the_change(self):
        portal = self.start_portal()
        desk = Desk(self, portal.port)
        expected = portal_items(portal)
        rc, s, err = desk.sync()
        self.assertEqual(rc, 0, err)
        self.assertEqual(s["pulled"], len(expected))
        self.assertEqual(s["updated"], len(expected))
        self.assertEqual(s["errors"], 0)
        self.assertTrue(s["up_to_date"])
        self.assertEqual(desk.rows(), {d["dossier_no"]: d["version"] for d in expected})
        first_cursor = desk.cursor()
        self.assertTrue(first_cursor)
        # Files of open declarations are cached and match their sha256.
        open_files = {(d["dossier_no"], f["kind"]): f["sha256"] for d in expected
                      if d["status"] in ("pending", "claimed") for f in d["files"]}
        self.assertGreater(len(open_files), 0)
        self.assertEqual(s["photos"], len(open_files))
        cached = {(dn, k): (sha, path) for dn, k, sha, path in desk.files() if path}
        self.assertEqual(set(cached), set(open_files))
        for key, (sha, path) in cached.items():
            with open(path, "rb") as f:
                self.assertEqual(hashlib.sha256(f.read()).hexdigest(), open_files[key])
            self.assertTrue(path.startswith(os.path.join(desk.data, "files")))

        rc, s, err = desk.sync()
        self.assertEqual((rc, s["pulled"], s["updated"], s["photos"]), (0, 0, 0, 0), err)
        self.assertEqual(desk.cursor(), first_cursor)

        # One decision on the portal: the next pull brings exactly that declaration.
        target = next(d for d in expected if d["status"] == "pending" and d["request"] == "register")
        lease = portal.post(f"/declarations/{target['dossier_no']}/claim", {"officer_id": "q6.a", "ttl_s": 60})
        self.assertEqual(lease.status, 200, lease.body)
        r = portal.post(f"/declarations/{target['dossier_no']}/decision", decision_body(lease.json()["lease_id"]),
                        headers={"Idempotency-Key": str(uuid.uuid4())})
        self.assertEqual(r.status, 200, r.body)
        rc, s, err = desk.sync()
        self.assertEqual(rc, 0, err)
        self.assertEqual((s["pulled"], s["updated"]), (1, 1))
        self.assertEqual(desk.statuses()[target["dossier_no"]], "approved")
        self.assertNotEqual(desk.cursor(), first_cursor)
        self.assertEqual(desk.rows(), {d["dossier_no"]: d["version"] for d in portal_items(portal)})


class FaultSyncTest(PortalCase):
    def test_503_and_dropped_bodies_lose_nothing(self):
        portal = self.start_portal("--fail-rate", "0.3", "--drop-rate", "0.2", "--fault-seed", "9")
        desk = Desk(self, portal.port)
        seen = 0
        for _ in range(30):
            rc, s, err = desk.sync()
            self.assertIn(rc, (0, 1), err)  # a failed request, never a broken store
            rows = desk.rows() if os.path.exists(os.path.join(desk.data, "desk.sqlite")) else {}
            self.assertGreaterEqual(len(rows), seen)  # nothing stored is ever lost
            seen = len(rows)
            if rc == 0 and s["errors"] == 0:
                break
        self.assertEqual(rc, 0, err)
        expected = portal_items(portal)
        self.assertEqual(desk.rows(), {d["dossier_no"]: d["version"] for d in expected})
        for dn, kind, sha, path in desk.files():
            status = desk.statuses()[dn]
            if status in ("pending", "claimed"):
                self.assertTrue(path, (dn, kind))
                with open(path, "rb") as f:
                    self.assertEqual(hashlib.sha256(f.read()).hexdigest(), sha)

    def test_portal_always_failing_is_a_clear_transient_error(self):
        portal = self.start_portal("--fail-rate", "1", "--no-photos", seed=5)
        desk = Desk(self, portal.port)
        rc, s, err = desk.sync()
        self.assertEqual(rc, 1)
        self.assertEqual(s["error"]["code"], "portal.server_error")
        self.assertIn("503", s["error"]["message"])
        self.assertIn("503", err)


class BrokenHandler(http.server.BaseHTTPRequestHandler):
    body = b"{}"

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        try:
            self.wfile.write(self.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the desk hung up on an answer beyond its limit

    def log_message(self, *args):
        pass


class MalformedJsonTest(PortalCase):
    def test_broken_answers_leave_the_cache_intact_and_name_the_field(self):
        desk, good, before = self.synced_desk_then_broken_server()

        no_phone = dict(good[0], version=good[0]["version"] + 5)
        del no_phone["phone"]
        bad_version = dict(good[1], version="three")
        cases = [
            (b'{"items": [', "not valid JSON"),
            (json.dumps({"items": [dict(good[0], version=99)]}).encode(), "next_cursor"),
            (json.dumps({"next_cursor": "x"}).encode(), "items"),
            (json.dumps({"items": [no_phone], "next_cursor": "9~x"}).encode(), "phone"),
            (json.dumps({"items": [dict(good[0], version=99), bad_version], "next_cursor": "9~x"}).encode(),
             "version"),
        ]
        for body, field in cases:
            BrokenHandler.body = body
            rc, s, err = desk.sync()
            self.assertEqual(rc, 1, (body[:60], err))
            self.assertEqual(s["error"]["code"], "portal.bad_response")
            self.assertIn(field, s["error"]["message"])
            self.assertEqual(s["updated"], 0)
            self.assertEqual(desk.snapshot(), before, body[:60])
            self.assertIn(field, desk.last_error())  # the health the UI shows names it too


class HostileJsonTest(PortalCase):
    """Issue 18, findings 1 and 7: a portal answer nested 100,000 levels deep crashed sync --once
    (SIGSEGV in nlohmann's recursive dump); a 60 MB full_name was stored. Each now ends in exit 1
    with portal.bad_response naming the field, and nothing of the page is stored."""

    def test_deep_nesting_and_oversized_fields_are_refused_without_a_crash(self):
        desk, good, before = self.synced_desk_then_broken_server()

        def page(**changes):
            item = dict(good[0], version=good[0]["version"] + 7, **changes)
            return {"items": [item], "next_cursor": "9~x"}

        deep = '{"adjust":' * 100_000 + "null" + "}" * 100_000
        deep_page = json.dumps(page(adjust="@DEEP@")).replace('"@DEEP@"', deep).encode()
        cases = [
            (deep_page, "nested deeper than 16 levels"),
            (json.dumps(page(full_name="N" * (60 * 1024 * 1024))).encode(), "larger than 16 MB"),
            (json.dumps(page(full_name="Nguyễn " * 60)).encode(), "full_name is longer than 300 bytes"),
            (json.dumps(page(phone="0" * 21)).encode(), "phone is longer than 20 bytes"),
            (json.dumps(page(address=dict(good[0]["address"], text="x" * 5000))).encode(),
             "address.text is longer than 1000 bytes"),
        ]
        for body, reason in cases:
            BrokenHandler.body = body
            started = time.monotonic()
            rc, s, err = desk.sync()
            self.assertEqual(rc, 1, (reason, rc, err[-500:]))  # not -11 (SIGSEGV) nor 134 (abort)
            self.assertLess(time.monotonic() - started, 60, reason)
            self.assertEqual(s["error"]["code"], "portal.bad_response", reason)
            self.assertIn(reason, s["error"]["message"])
            self.assertIn(reason, err)
            self.assertEqual(s["updated"], 0)
            self.assertEqual(desk.snapshot(), before, reason)
            self.assertNotIn("NNNNNNNN", err + desk.last_error())


class PrivateFilesTest(PortalCase):
    """Issue 18, finding 8: with `officer add` run first (the README's install steps), the data
    folder was 0755 and desk.sqlite 0644. Whichever command runs first, every folder the desk
    makes is 0700 and every file 0600, even under a permissive umask."""

    def test_officer_add_then_sync_leaves_only_private_files(self):
        portal = self.start_portal(seed=6)
        desk = Desk(self, portal.port)
        old = os.umask(0o022)  # the usual login umask, inherited by the desk
        self.addCleanup(os.umask, old)
        env = {k: v for k, v in os.environ.items() if k != "BHXH_DESK_TOKEN"}
        r = subprocess.run([ARGS.app, "--config", desk.config, "officer", "add", "q6.admin", "--name", "Trần Thị Bình",
                            "--role", "admin"], input="mat-khau-du-dai\n", capture_output=True, text=True,
                           timeout=120, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        rc, s, err = desk.sync()
        self.assertEqual(rc, 0, err)
        self.assertGreater(s["photos"], 0)
        seen = 0
        for root in (desk.data, os.path.join(desk.dir, "log")):
            if not os.path.isdir(root):
                continue
            for folder, dirs, files in os.walk(root):
                mode = os.stat(folder).st_mode & 0o777
                self.assertEqual(mode, 0o700, f"{folder} is {oct(mode)}")
                for name in files:
                    path = os.path.join(folder, name)
                    mode = os.stat(path).st_mode & 0o777
                    self.assertEqual(mode, 0o600, f"{path} is {oct(mode)}")
                    seen += 1
        self.assertGreater(seen, 3)  # desk.sqlite, its WAL/SHM or backups, photos


class ExpiryAndClientTest(PortalCase):
    def test_expired_reaches_the_caller_as_410(self):
        portal = self.start_portal("--near-expiry-s", "6", "--no-photos", seed=40)
        start = datetime.now().astimezone()
        desk = Desk(self, portal.port)
        self.assertEqual(desk.sync()[0], 0)
        near = [d for d in portal_items(portal) if d["status"] == "pending"
                and datetime.fromisoformat(d["expires_at"]) < start + timedelta(seconds=30)]
        self.assertGreaterEqual(len(near), 1)
        deadline = max(datetime.fromisoformat(d["expires_at"]) for d in near) + timedelta(seconds=1.5)
        time.sleep(max(0.0, (deadline - datetime.now().astimezone()).total_seconds()))
        rc, out = probe(portal.port, "claim", near[0]["dossier_no"])
        self.assertEqual(rc, 1)
        self.assertEqual(out["error"]["code"], "portal.expired")
        self.assertIn("410", out["error"]["message"])
        self.assertIn("expired", out["error"]["message"])
        rc, s, err = desk.sync()
        self.assertEqual(rc, 0, err)
        self.assertEqual(desk.statuses()[near[0]["dossier_no"]], "expired")

    def test_decision_replay_and_final_errors(self):
        portal = self.start_portal("--no-photos", seed=10)
        target = next(d for d in portal_items(portal) if d["status"] == "pending" and d["request"] == "register")
        rc, lease = probe(portal.port, "claim", target["dossier_no"])
        self.assertEqual(rc, 0, lease)
        key = str(uuid.uuid4())
        body = json.dumps(decision_body(lease["lease_id"]))
        rc1, a1 = probe(portal.port, "decide", target["dossier_no"], key, body)
        rc2, a2 = probe(portal.port, "decide", target["dossier_no"], key, body)
        self.assertEqual((rc1, rc2), (0, 0), (a1, a2))
        self.assertEqual(a1, a2)
        self.assertEqual(a1["username"], target["bhxh_code"])
        rc, out = probe(portal.port, "decide", target["dossier_no"], str(uuid.uuid4()), body)
        self.assertEqual((rc, out["error"]["code"]), (1, "portal.conflict"), out)
        rc, out = probe(portal.port, "get", "07916-1999-999999")
        self.assertEqual((rc, out["error"]["code"]), (1, "portal.not_found"), out)


class ConfigRefusalTest(PortalCase):
    def test_loose_token_file_and_plain_http_to_a_remote_host_are_refused(self):
        desk = Desk(self, 1, token_mode=0o644)
        rc, s, err = desk.sync()
        self.assertEqual(rc, 2)
        self.assertIn("chmod 600", err)
        self.assertFalse(os.path.exists(os.path.join(desk.data, "desk.sqlite")))
        desk = Desk(self, 1, base_url="http://portal.example.vn/api/desk/v1")
        rc, s, err = desk.sync()
        self.assertEqual(rc, 2)
        self.assertIn("plain http is only allowed to loopback", err)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--portal", required=True)
    parser.add_argument("--probe", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
