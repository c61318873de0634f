"""The demo's virtual card (deploy/demo_chip.py) on the real parts: the reference portal seeded with
fictional citizens, a desk that pulled them (`bhxh-desk sync --once`, photos included), and the
demo's chip program on its rig. When the desk's audit log says a dossier was opened, the card of
that dossier's citizen must be on the reader, readable with the key the desk derives from the QR
and genuine under the CSCA the program wrote; opening another dossier swaps the card; SIGTERM
stops pcscd and exits 0. Needs root (the rig), pcscd, vsmartcard-vpcd, python3-cryptography."""
import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from chip_person import person_of  # noqa: E402
from chip_rig import require_tools  # noqa: E402
from portal_harness import TOKENS, Portal  # noqa: E402

ARGS = None
DEMO_CHIP = os.path.join(HERE, "..", "..", "deploy", "demo_chip.py")


class DemoChipTest(unittest.TestCase):
    def setUp(self):
        require_tools()
        self.tmp = tempfile.mkdtemp(prefix="bhxh-demo-chip-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        os.makedirs(os.path.join(self.tmp, "portal"))
        self.portal = Portal(ARGS.portal, seed=20, workdir=os.path.join(self.tmp, "portal"))
        self.portal.start()
        self.addCleanup(self.portal.stop)
        token = os.path.join(self.tmp, "desk-token")
        with open(token, "w") as f:
            f.write(TOKENS["07916-D01"] + "\n")
        os.chmod(token, 0o600)
        self.data = os.path.join(self.tmp, "data")
        self.csca = os.path.join(self.tmp, "csca")
        self.config = os.path.join(self.tmp, "desk.toml")
        with open(self.config, "w") as f:
            f.write(f'[desk]\noffice_code = "07916"\ndesk_id = "D01"\n'
                    f'[paths]\ndata_dir = "{self.data}"\nlog_dir = "{os.path.join(self.tmp, "log")}"\n'
                    f'[portal]\nbase_url = "http://127.0.0.1:{self.portal.port}/api/desk/v1"\ntoken_file = "{token}"\n'
                    f'[chip]\ncsca_dir = "{self.csca}"\ncard_wait_s = 10\n')
        sync = subprocess.run([ARGS.app, "--config", self.config, "sync", "--once"], capture_output=True, text=True,
                              timeout=300)
        self.assertEqual(sync.returncode, 0, sync.stderr)
        self.qr_file = os.path.join(self.tmp, "qr.jsonl")
        self.lines = self.portal.print_qr(20)
        with open(self.qr_file, "w", encoding="utf-8") as f:
            for line in self.lines:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.db = os.path.join(self.data, "desk.sqlite")

    def open_dossier(self, dossier):
        """What the desk's audit log holds when the clerk opens a dossier (the chain's hashes are
        not what this reader looks at)."""
        with sqlite3.connect(self.db) as con:
            seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM audit_log").fetchone()[0]
            con.execute("INSERT INTO audit_log (seq, at_ms, kind, officer_id, subject, detail, prev_hash, hash) "
                        "VALUES (?, ?, 'open_declaration', 'q6.clerk', ?, 'camera', ?, ?)",
                        (seq, int(time.time() * 1000), dossier, "0" * 64, "1" * 64))

    def citizens(self):
        """Pending CCCD citizens with a derivable chip key and a cached portrait."""
        with sqlite3.connect(self.db) as con:
            cached = {r[0] for r in con.execute("SELECT dossier_no FROM declaration_files WHERE kind = 'portrait' "
                                                "AND local_path IS NOT NULL")}
        out = [x for x in self.lines if x["dossier_no"] in cached and x.get("cccd") and person_of(x)]
        self.assertGreaterEqual(len(out), 2, "the seed has at least two citizens with a chip")
        return out[:2]

    def wait_line(self, out_path, text, proc, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(out_path, encoding="utf-8") as f:
                content = f.read()
            if text in content:
                return content
            self.assertIsNone(proc.poll(), f"demo_chip exited: {content}")
            time.sleep(0.1)
        self.fail(f"no {text!r} in {timeout} s: {content}")

    def read_card(self, socket_path, line):
        parts = line["cccd"].split("|")
        ddmm = lambda s: f"{s[0:2]}/{s[2:4]}/{s[4:8]}"  # noqa: E731
        env = dict(os.environ, PCSCLITE_CSOCK_NAME=socket_path)
        p = subprocess.run([ARGS.app, "--config", self.config, "chip", "read", "--json", "--id-number", parts[0],
                            "--birth", ddmm(parts[3]), "--issue", ddmm(parts[6])], capture_output=True, text=True,
                           timeout=120, env=env)
        try:
            return p.returncode, json.loads(p.stdout)
        except json.JSONDecodeError:
            self.fail(f"no JSON (exit {p.returncode}): {p.stdout!r} {p.stderr!r}")

    def test_the_card_of_each_opened_dossier_is_placed_and_genuine(self):
        first, second = self.citizens()
        out_path = os.path.join(self.tmp, "chip.out")
        with open(out_path, "w") as out, open(os.path.join(self.tmp, "chip.log"), "w") as err:
            proc = subprocess.Popen([sys.executable, DEMO_CHIP, "--rig-dir", os.path.join(self.tmp, "rig"),
                                     "--csca-dir", self.csca, "--qr", self.qr_file, "--db", self.db],
                                    stdout=out, stderr=err)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        ready = self.wait_line(out_path, "ready ", proc)
        socket_path = ready.split("ready ", 1)[1].splitlines()[0]
        self.assertTrue(os.listdir(self.csca), "the CSCA certificate is written")

        for citizen in (first, second):
            self.open_dossier(citizen["dossier_no"])
            self.wait_line(out_path, f"({citizen['dossier_no']}) is on the reader", proc)
            code, read = self.read_card(socket_path, citizen)
            self.assertEqual(code, 0, read)
            self.assertEqual(read["verdict"]["kind"], "genuine", read)
            self.assertIn(citizen["cccd"].split("|")[0], json.dumps(read, ensure_ascii=False))

        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(30), 0)
        print(f"demo_chip stopped in {time.monotonic() - started:.1f} s", file=sys.stderr)
        env = dict(os.environ, PCSCLITE_CSOCK_NAME=socket_path)
        gone = subprocess.run([ARGS.app, "--config", self.config, "chip", "readers", "--json"], capture_output=True,
                              text=True, timeout=60, env=env)
        self.assertNotEqual(gone.returncode, 0, "pcscd is stopped with the program")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--portal", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
