"""Issue 18: the desk against a hostile portal (tests/lib/hostile_portal.py). A desk first syncs a
real office from the real bhxh-portal (declarations only, --no-files, so files are still to fetch),
then its base_url points at one hostile mode and `bhxh-desk sync --once` runs with the default
[portal] timeouts and retries; where the mode applies to it, a card lookup goes through the real
libcurl client too (portal_client_probe). Every run must end in bounded time, with exit 1 and a
clear error code and message, no crash, no answer held whole in memory, and a consistent database
(`PRAGMA integrity_check`) that keeps every earlier item and nothing of the bad one.

One ctest per mode: `hostile_portal_test.py --app … --portal … --probe … HostilePortalTest.test_hang`."""
import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from portal_harness import Portal, TOKENS, BASE  # noqa: E402
from sinks import stop_process  # noqa: E402

ARGS = None
DESK = "07916-D01"
HOSTILE_LIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib", "hostile_portal.py")
# What the desk may hold beyond its own resident size on a good sync: its answer limits are 16 MB
# of JSON and 10 MB per file; a body buffered whole (60 to 100 MB) goes far past this.
MAX_EXTRA_RSS_KB = 48 * 1024

# mode: (sync's error code, text of its message, the bound in seconds, does a lookup apply)
EXPECTED = {
    "malformed-json": ("portal.bad_response", "is not valid JSON", 60, True),
    "deep-nesting": ("portal.bad_response", "nested deeper than 16 levels", 60, True),
    "huge-body": ("portal.bad_response", "larger than 16 MB", 60, True),
    "slow-headers": ("portal.timeout", "timed out", 60, True),
    "slow-body": ("portal.timeout", "timed out", 60, True),
    "hang": ("portal.timeout", "timed out", 60, True),
    "repeating-cursor": ("portal.bad_cursor", "next cursor does not advance", 30, False),
    "redirect": ("portal.bad_response", "redirect", 60, True),
    "huge-photo": ("portal.bad_response", "larger than 10 MB", 60, False),
    "huge-string": ("portal.bad_response", "larger than 16 MB", 60, True),
    "gzip-bomb": ("portal.bad_response", "larger than 16 MB", 60, True),
    "endless-chunked": ("portal.bad_response", "larger than 16 MB", 60, True),
}


def run_measured(args, env, limit_s=300):
    """Runs a program to its end: (exit code, stdout, stderr, seconds, max RSS in KB). A run past
    limit_s is killed (and fails the caller's bound)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        killer = threading.Timer(limit_s, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                elapsed, usage.ru_maxrss)


class Desk:
    """A desk's config (the default [portal] timeouts and retries) and data folder."""

    def __init__(self, testcase, base_url):
        self.tmp = tempfile.TemporaryDirectory()
        testcase.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name
        self.data = os.path.join(self.dir, "data")
        self.token_file = os.path.join(self.dir, "desk-token")
        with open(self.token_file, "w", encoding="utf-8") as f:
            f.write(TOKENS[DESK] + "\n")
        os.chmod(self.token_file, 0o600)
        self.config = os.path.join(self.dir, "desk.toml")
        self.point_at(base_url)

    def point_at(self, base_url):
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(f'[desk]\noffice_code = "07916"\ndesk_id = "D01"\n'
                    f'[paths]\ndata_dir = "{self.data}"\nlog_dir = "{os.path.join(self.dir, "log")}"\n'
                    f'[portal]\nbase_url = "{base_url}"\ntoken_file = "{self.token_file}"\n')

    def sync(self, *extra, limit_s=300):
        env = {k: v for k, v in os.environ.items() if k != "BHXH_DESK_TOKEN"}
        rc, out, err, seconds, rss = run_measured([ARGS.app, "--config", self.config, "sync", "--once", *extra], env,
                                                  limit_s)
        assert TOKENS[DESK] not in out + err, "the token was printed"
        lines = out.strip().splitlines()
        summary = json.loads(lines[-1]) if lines else None
        return rc, summary, err, seconds, rss

    def query(self, sql):
        con = sqlite3.connect(os.path.join(self.data, "desk.sqlite"))
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def declarations(self):
        return {dn: (status, version, full_name) for dn, status, version, full_name in
                self.query("SELECT dossier_no, status, version, full_name FROM declarations")}

    def files(self):
        return sorted(self.query("SELECT dossier_no, kind, sha256, local_path FROM declaration_files"))

    def cached_files(self):
        folder = os.path.join(self.data, "files")
        return sorted(os.path.join(root, n) for root, _, names in os.walk(folder) for n in names)


def probe_lookup(base_url, code, limit_s):
    env = dict(os.environ, BHXH_DESK_TOKEN=TOKENS[DESK])
    rc, out, err, seconds, rss = run_measured([ARGS.probe, "--base-url", base_url, "--desk", DESK, "lookup", code],
                                              env, limit_s)
    assert TOKENS[DESK] not in out + err, "the token was printed"
    lines = out.strip().splitlines()
    return rc, (json.loads(lines[-1]) if lines else None), err, seconds, rss


class HostilePortalTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.portal = Portal(ARGS.portal, seed=10, seed_value=5).start()
        cls.port_dir = tempfile.TemporaryDirectory()
        port_file = os.path.join(cls.port_dir.name, "port")
        # The hostile portal through its command line, as other tests would use it.
        cls.hostile = subprocess.Popen([sys.executable, HOSTILE_LIB, "--mode", "good", "--port-file", port_file],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while not os.path.exists(port_file):
            if cls.hostile.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"hostile_portal.py did not start: {cls.hostile.stderr.read()}")
            time.sleep(0.05)
        with open(port_file, encoding="utf-8") as f:
            cls.hostile_port = int(f.read())

    @classmethod
    def tearDownClass(cls):
        stop_process(cls.hostile)
        cls.hostile.stderr.close()
        cls.portal.stop()
        cls.port_dir.cleanup()

    def hostile_url(self, mode):
        return f"http://127.0.0.1:{self.hostile_port}/mode/{mode}{BASE}"

    def hostile_stats(self):
        import urllib.request
        with urllib.request.urlopen(f"http://127.0.0.1:{self.hostile_port}/__hostile/stats", timeout=10) as r:
            return json.loads(r.read())

    def synced_desk(self):
        """A desk holding the real office's declarations, their files not fetched yet."""
        desk = Desk(self, f"http://127.0.0.1:{self.portal.port}{BASE}")
        rc, s, err, _, rss = desk.sync("--no-files")
        self.assertEqual(rc, 0, err)
        self.assertGreater(s["pulled"], 0)
        before = desk.declarations()
        missing = [f for f in desk.files() if not f[3]]
        self.assertGreater(len(missing), 0, "the real office should have files left to fetch")
        return desk, before, rss

    def check_mode(self, mode):
        code, text, bound_s, lookup_applies = EXPECTED[mode]
        desk, before, good_rss = self.synced_desk()
        files_before = desk.files()
        desk.point_at(self.hostile_url(mode))

        # A run past its bound has failed already: it is killed a little later (rc -9).
        rc, s, err, seconds, rss = desk.sync(limit_s=bound_s + 30)
        where = f"{mode}: rc {rc} after {seconds:.1f} s, stderr {err[-600:]!r}"
        self.assertLess(seconds, bound_s, where)
        self.assertEqual(rc, 1, where)  # not -11 (SIGSEGV), 134 (abort) or -9 (killed at the limit)
        self.assertIsNotNone(s, where)
        self.assertEqual(s["error"]["code"], code, where)
        self.assertIn(text, s["error"]["message"], where)
        self.assertIn(code, err, where)
        self.assertIn(text, err, where)
        # The pull itself ends at the portal's last page only when the bad part is a photo.
        self.assertEqual(s["up_to_date"], mode == "huge-photo", where)
        self.assertLess(rss - good_rss, MAX_EXTRA_RSS_KB, f"{mode}: the desk grew from {good_rss} KB to {rss} KB")
        self.assertNotIn("NNNNNNNN", err)
        self.assertNotIn("xxxxxxxx", err)

        # A consistent database that kept every earlier item, and nothing of the bad one.
        self.assertEqual(desk.query("PRAGMA integrity_check"), [("ok",)], mode)
        after = desk.declarations()
        for dn, row in before.items():
            self.assertEqual(after.get(dn), row, f"{mode}: {dn} changed")
        hostile_rows = {dn: row for dn, row in after.items() if dn not in before}
        if mode == "repeating-cursor":
            # The first full page is indistinguishable from a good one and is kept, once.
            self.assertEqual(len(hostile_rows), 500, mode)
            self.assertEqual(desk.query("SELECT cursor FROM sync_state WHERE scope = 'office:07916'"), [("loop~1",)])
        elif mode == "huge-photo":
            # The declaration is valid and stored; its 70 MB portrait is not (nor any other file:
            # this portal answers 70 MB for every one).
            self.assertEqual(list(hostile_rows), ["07916-2099-920001"], mode)
            open_files = desk.query("SELECT COUNT(*) FROM declaration_files JOIN declarations USING (dossier_no) "
                                    "WHERE status IN ('pending', 'claimed')")[0][0]
            self.assertEqual(s["errors"], open_files, s)
        else:
            self.assertEqual(hostile_rows, {}, mode)
        self.assertEqual([f for f in desk.files() if f[0] in before], files_before, mode)
        self.assertEqual(desk.query("SELECT COUNT(*) FROM declaration_files WHERE local_path IS NOT NULL "
                                    "AND local_path != ''"), [(0,)], mode)
        self.assertEqual(desk.cached_files(), [], mode)
        last_error = desk.query("SELECT last_error FROM sync_state WHERE scope = 'office:07916'")[0][0]
        self.assertIn(code, last_error, mode)  # the health the desk's status bar shows names it too

        if lookup_applies:
            rc, out, err, seconds, rss = probe_lookup(self.hostile_url(mode), "7966746627", bound_s + 30)
            where = f"{mode} lookup: rc {rc} after {seconds:.1f} s, {out}, stderr {err[-400:]!r}"
            self.assertLess(seconds, bound_s, where)
            self.assertEqual(rc, 1, where)
            self.assertEqual(out["error"]["code"], code, where)
            self.assertIn(text, out["error"]["message"], where)

        if mode == "redirect":
            stats = self.hostile_stats()
            self.assertGreater(stats["requests"].get("redirect", 0), 0, stats)
            self.assertEqual(stats["trap_hits"], 0, f"the desk followed a redirect to another host: {stats}")


def _add_mode_tests():
    for mode in EXPECTED:
        def test(self, mode=mode):
            self.check_mode(mode)
        test.__name__ = "test_" + mode.replace("-", "_")
        test.__doc__ = f"hostile portal mode {mode}"
        setattr(HostilePortalTest, test.__name__, test)


_add_mode_tests()


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
