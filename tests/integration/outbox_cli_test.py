"""bhxh-desk outbox list|drain|retry|cancel on a real database file: rows queued by hand (SQL from
db/migrations), delivered by `drain` to the SMS spool and to a real SMTP server (aiosmtpd on
127.0.0.1), states and masked recipients in `list`, supervisor retry/cancel, and the password's
bytes absent from the database and its WAL after delivery."""
import argparse
import email
import email.policy
import glob
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from desk_db import migrated_database  # noqa: E402

ARGS = None
PASSWORD = "Zq8-Pw-CLI-5521"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args):
    return subprocess.run([ARGS.app, *args], capture_output=True, text=True, timeout=60)


class OutboxCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "desk.sqlite")
        con = migrated_database(self.db, ARGS.migrations)
        con.commit()
        con.close()
        self.port = free_port()
        self.sink = os.path.join(self.dir, "smtp-sink")
        env = dict(os.environ, PYTHONPATH=ARGS.handler_dir, BHXH_SMTP_SINK_DIR=self.sink)
        self.smtpd = subprocess.Popen([ARGS.python, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
                                       "-c", "smtp_sink.Handler"], env=env)
        self.addCleanup(self.stop_smtpd)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        self.config = os.path.join(self.dir, "config.toml")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(f'[paths]\ndata_dir = "{self.dir}"\nassets_dir = "{ARGS.assets}"\n'
                    f'[sms]\ndriver = "spool"\nspool_dir = "{self.dir}/sms-spool"\n'
                    f'[email]\ndriver = "smtp"\nurl = "smtp://127.0.0.1:{self.port}"\n'
                    f'from_address = "no-reply@bhxh-q6.example.vn"\nfrom_name = "BHXH Quận 6"\n')

    def stop_smtpd(self):
        self.smtpd.terminate()
        self.smtpd.wait(timeout=10)

    def enqueue(self, key, channel, recipient, payload, secret=None):
        con = sqlite3.connect(self.db)
        now = int(time.time() * 1000)
        con.execute("INSERT INTO outbox(key, channel, dossier_no, recipient, payload, secret, state, attempts, "
                    "max_attempts, next_attempt_ms, created_ms, updated_ms) VALUES (?,?,?,?,?,?,'queued',0,8,?,?,?)",
                    (key, channel, "07916-2026-000123", recipient, json.dumps(payload), secret, now, now, now))
        con.commit()
        con.close()

    def test_drain_delivers_sms_and_email_and_forgets_the_password(self):
        vars_ = {"full_name": "Nguyễn Thành Biên", "username": "0113098765", "dossier_no": "07916-2026-000123",
                 "office_name": "BHXH Quận 6"}
        payload = {"kind": "approval", "language": "vi", "to_name": "Nguyễn Thành Biên", "vars": vars_}
        self.enqueue("dec-1:sms", "sms", "0983847986", payload, PASSWORD)
        self.enqueue("dec-1:email", "email", "biennt@example.vn", payload, PASSWORD)
        out = run("--config", self.config, "outbox", "drain")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("sent 2, retry later 0, failed 0, unknown 0", out.stdout)

        sms = json.load(open(os.path.join(self.dir, "sms-spool", "dec-1_sms.sms.json"), encoding="utf-8"))
        self.assertIn("Ten dang nhap: 0113098765. Mat khau: " + PASSWORD, sms["text"])
        mails = sorted(glob.glob(os.path.join(self.sink, "*.eml")))
        self.assertEqual(len(mails), 1)
        msg = email.message_from_binary_file(open(mails[0], "rb"), policy=email.policy.default)
        self.assertEqual(str(msg["Subject"]), "BHXH Việt Nam – tài khoản giao dịch điện tử của Nguyễn Thành Biên")
        self.assertEqual(msg["Message-ID"], "<bhxh.dec-1.email@bhxh-q6.example.vn>")
        self.assertIn("Mật khẩu ban đầu: " + PASSWORD, msg.get_body(("plain",)).get_content())
        self.assertIn("bắt buộc phải đổi mật khẩu", msg.get_body(("html",)).get_content())

        listing = run("--config", self.config, "outbox", "list")
        self.assertEqual(listing.returncode, 0, listing.stderr)
        self.assertIn("sent", listing.stdout)
        self.assertNotIn("0983847986", listing.stdout)
        self.assertNotIn("biennt@example.vn", listing.stdout)

        blob = open(self.db, "rb").read()
        if os.path.exists(self.db + "-wal"):
            blob += open(self.db + "-wal", "rb").read()
        self.assertNotIn(PASSWORD.encode(), blob)

    def test_failed_row_retried_and_cancelled_by_a_supervisor(self):
        self.enqueue("dec-2:email", "email", "reject@example.vn",
                     {"kind": "rejection", "language": "vi", "to_name": "",
                      "vars": {"full_name": "Nguyễn Thành Biên", "dossier_no": "07916-2026-000124",
                               "office_name": "BHXH Quận 6", "reason_code": "photo_mismatch"}})
        out = run("--config", self.config, "outbox", "drain")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("failed 1", out.stdout)
        failed = run("--config", self.config, "outbox", "list", "--state", "failed")
        self.assertIn("550", failed.stdout)
        row_id = failed.stdout.splitlines()[1].split()[0]
        self.assertEqual(run("--config", self.config, "outbox", "retry", row_id, "--officer", "q6.sup").returncode, 0)
        self.assertIn("queued", run("--config", self.config, "outbox", "list").stdout)
        self.assertEqual(run("--config", self.config, "outbox", "cancel", row_id, "--officer", "q6.sup").returncode, 0)
        self.assertIn("cancelled", run("--config", self.config, "outbox", "list").stdout)
        again = run("--config", self.config, "outbox", "cancel", row_id, "--officer", "q6.sup")
        self.assertEqual(again.returncode, 1)
        self.assertEqual(run("--config", self.config, "outbox", "list", "--state", "nope").returncode, 2)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--assets", required=True)
    parser.add_argument("--migrations", required=True)
    parser.add_argument("--handler-dir", required=True)
    parser.add_argument("--python", default=sys.executable)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
