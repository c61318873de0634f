"""bhxh-desk doctor against a healthy stack (the real bhxh-portal on a free loopback port with the
desk's token, spool drivers, a temporary data folder with a real database, the installed face
models, a small video file as the camera) and against broken ones (portal down, a wrong token, a
copy of the models with one .onnx file altered, SMTP and SMS gateway on closed ports, a database
from a newer bhxh-desk): the FAIL lines name what is wrong, the exit code is 1."""
import argparse
import glob
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from desk_db import migrated_database  # noqa: E402
from portal_harness import Portal, TOKENS, BASE  # noqa: E402

ARGS = None
DESK = "07916-D01"
CHECKS = ["config", "database", "face-models", "font", "camera", "portal", "clock", "templates", "email", "sms",
          "disk", "encryption", "chip-readers", "chip-csca"]


def models_dir():
    return os.environ.get("BHXH_FACE_MODELS_DIR") or "/usr/local/share/bhxh-desk/models"


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse(stdout):
    """{subject: (status, line)} from the doctor's lines."""
    lines = {}
    for line in stdout.splitlines():
        status, rest = line[:4].strip(), line[6:]
        lines[rest.split(" ", 1)[0]] = (status, line)
    return lines


class DoctorCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        models = models_dir()
        if not glob.glob(os.path.join(models, "*.onnx")):
            raise AssertionError(f"face models not found in {models}: run deploy/fetch-models.sh "
                                 "or set BHXH_FACE_MODELS_DIR")
        cls.shared = tempfile.TemporaryDirectory()
        cls.video = os.path.join(cls.shared.name, "camera.mp4")
        subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=5",
                        "-t", "1", "-pix_fmt", "yuv420p", cls.video], check=True, timeout=120)

    @classmethod
    def tearDownClass(cls):
        cls.shared.cleanup()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name
        self.data = os.path.join(self.dir, "data")
        os.makedirs(self.data)
        self.db = os.path.join(self.data, "desk.sqlite")
        con = migrated_database(self.db, ARGS.migrations)
        con.commit()
        con.close()
        self.token_file = os.path.join(self.dir, "desk-token")
        with open(self.token_file, "w", encoding="utf-8") as f:
            f.write(TOKENS[DESK] + "\n")
        os.chmod(self.token_file, 0o600)
        os.makedirs(os.path.join(self.dir, "portal-state"))
        self.portal = Portal(ARGS.portal, "--no-photos", seed=3, workdir=os.path.join(self.dir, "portal-state"))
        self.portal.start()
        self.addCleanup(self.portal.stop)

    def write_config(self, models=None, base_url=None, extra="", assets=None):
        base_url = base_url or f"http://127.0.0.1:{self.portal.port}{BASE}"
        assets = assets or ARGS.assets
        path = os.path.join(self.dir, "config.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f'[desk]\noffice_code = "07916"\ndesk_id = "D01"\n'
                    f'[paths]\ndata_dir = "{self.data}"\nassets_dir = "{assets}"\nlog_dir = "{self.dir}/log"\n'
                    f'[face]\nmodels_dir = "{models or models_dir()}"\n'
                    f'[camera]\nsource = "{self.video}"\n'
                    f'[portal]\nbase_url = "{base_url}"\ntoken_file = "{self.token_file}"\nconnect_timeout_ms = 2000\n'
                    f'timeout_ms = 5000\n' + extra)
        return path

    def doctor(self, config):
        env = {k: v for k, v in os.environ.items() if k not in ("BHXH_DESK_TOKEN", "BHXH_MODELS_DIR")}
        return subprocess.run([ARGS.app, "--config", config, "doctor"], capture_output=True, text=True, timeout=120,
                              env=env)

    def test_healthy_stack_is_all_ok(self):
        out = self.doctor(self.write_config())
        checks = parse(out.stdout)
        self.assertEqual(list(checks), CHECKS, out.stdout + out.stderr)
        for subject, (status, line) in checks.items():
            # Free disk space and the volume's encryption are the test machine's; they may only warn.
            allowed = ("OK", "WARN") if subject in ("disk", "encryption") else ("OK",)
            self.assertIn(status, allowed, line)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("accepts the token of desk 07916-D01", checks["portal"][1])
        self.assertIn("gives pictures (320x240)", checks["camera"][1])
        self.assertRegex(checks["clock"][1], r"this machine is \d+ s (ahead of|behind) the portal")
        self.assertNotIn(TOKENS[DESK], out.stdout + out.stderr)

    def test_missing_database_is_a_warning_and_is_not_created(self):
        os.remove(self.db)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.remove(self.db + suffix)
        out = self.doctor(self.write_config())
        status, line = parse(out.stdout)["database"]
        self.assertEqual(status, "WARN", line)
        self.assertIn("tạo cơ sở dữ liệu khi chạy lần đầu", line)  # the fix, in the desk's language
        self.assertFalse(os.path.exists(self.db))
        self.assertEqual(out.returncode, 0, out.stdout)

    def test_broken_stack_names_the_portal_and_the_altered_model(self):
        copy = os.path.join(self.dir, "models")
        shutil.copytree(models_dir(), copy)
        with open(os.path.join(copy, "fr_landmark.onnx"), "r+b") as f:  # the copy only, never the real one
            f.seek(1000)
            f.write(b"\x00altered\x00")
        self.portal.stop()
        smtp, sms = closed_port(), closed_port()
        extra = (f'[email]\ndriver = "smtp"\nurl = "smtp://127.0.0.1:{smtp}"\ntimeout_s = 3\n'
                 f'[sms]\ndriver = "http"\nurl = "http://127.0.0.1:{sms}/send"\ntimeout_s = 3\n')
        out = self.doctor(self.write_config(models=copy, extra=extra))
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        checks = parse(out.stdout)
        self.assertEqual(list(checks), CHECKS, out.stdout + out.stderr)
        self.assertEqual(checks["face-models"][0], "FAIL", out.stdout)
        self.assertIn("fr_landmark.onnx", checks["face-models"][1])
        # The fix is read in the desk's language (Vietnamese by default), from assets/lang.
        self.assertIn("— cách sửa: Chạy /usr/share/bhxh-desk/fetch-models.sh", checks["face-models"][1])
        self.assertEqual(checks["portal"][0], "FAIL", out.stdout)
        self.assertIn(f"127.0.0.1:{self.portal.port}", checks["portal"][1])
        self.assertIn("cannot be reached", checks["portal"][1])
        self.assertEqual(checks["clock"][0], "WARN", out.stdout)
        self.assertEqual(checks["email"][0], "FAIL", out.stdout)
        self.assertIn(f"127.0.0.1:{smtp}", checks["email"][1])
        self.assertEqual(checks["sms"][0], "FAIL", out.stdout)
        self.assertIn(f"127.0.0.1:{sms}", checks["sms"][1])
        # What is healthy stays OK beside the failures.
        for subject in ("config", "database", "font", "camera"):
            self.assertEqual(checks[subject][0], "OK", checks[subject][1])

    def test_templates_with_the_old_doubled_placeholders_fail(self):
        """An office's own templates from before the one placeholder syntax ({name}): doctor
        fails the templates line naming the file, the template and what to write, and the fix
        in the desk's language; the rest stays OK."""
        assets = os.path.join(self.dir, "assets")
        shutil.copytree(ARGS.assets, assets)
        path = os.path.join(assets, "templates", "notify", "en.json")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("Dear {full_name},", text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("Dear {full_name},", "Dear {{full_name}},"))
        out = self.doctor(self.write_config(assets=assets))
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        status, line = parse(out.stdout)["templates"]
        self.assertEqual(status, "FAIL", line)
        self.assertIn("en.json", line)
        self.assertIn("templates.approval.email_text", line)
        self.assertIn("{{full_name}}", line)
        self.assertIn("placeholders are written {full_name}", line)
        self.assertIn("— cách sửa: Sửa mẫu thông báo trong", line)
        self.assertEqual(parse(out.stdout)["config"][0], "OK", out.stdout)

    def test_refused_token_and_newer_database(self):
        with open(self.token_file, "w", encoding="utf-8") as f:
            f.write("tok-not-a-desk-token-at-all-0000\n")
        con = sqlite3.connect(self.db)
        con.execute("PRAGMA user_version = 999")
        con.commit()
        con.close()
        out = self.doctor(self.write_config())
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        checks = parse(out.stdout)
        self.assertEqual(checks["portal"][0], "FAIL", out.stdout)
        self.assertIn("token refused", checks["portal"][1])
        self.assertNotIn("tok-not-a-desk-token", out.stdout + out.stderr)
        self.assertEqual(checks["database"][0], "FAIL", out.stdout)
        self.assertIn("newer bhxh-desk", checks["database"][1])

    def test_encryption_is_checked_and_only_warns(self):
        """The doctor's answer for the data folder matches what util-linux sees of the same folder
        (findmnt: the mount's source; lsblk -s: the devices under it, "crypt" for dm-crypt), and
        a data folder off an encrypted volume is a warning with its fix, never a failure."""
        for tool in ("findmnt", "lsblk"):
            if not shutil.which(tool):
                raise AssertionError(f"{tool} not found: apt-get install util-linux")
        found = subprocess.run(["findmnt", "-n", "-o", "SOURCE", "--target", self.data], capture_output=True,
                               text=True, timeout=30, check=True).stdout.strip().split("[")[0]
        if found.startswith("/dev/"):
            kinds = subprocess.run(["lsblk", "-s", "-n", "-o", "TYPE", found], capture_output=True, text=True,
                                   timeout=30, check=True).stdout.split()
            expected = "OK" if "crypt" in kinds else "WARN"
            words = "encrypted by dm-crypt" if expected == "OK" else "which is not encrypted"
        else:  # overlay, tmpfs, NFS: not a block device
            expected, words = "WARN", "cannot be checked"
        out = self.doctor(self.write_config())
        status, line = parse(out.stdout)["encryption"]
        self.assertEqual(status, expected, f"{line} (findmnt says {found})")
        self.assertIn(words, line)
        self.assertIn(self.data, line)
        if expected == "WARN":
            # The fix, in the desk's language (Vietnamese by default), from assets/lang.
            self.assertIn("— cách sửa: Đặt thư mục dữ liệu trên một ổ mã hóa LUKS", line)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)  # a warning, not a failure

    def test_bad_configuration_is_a_failure(self):
        path = os.path.join(self.dir, "bad.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write("[ui]\nfont_scale = 99\n")
        out = self.doctor(path)
        self.assertEqual(out.returncode, 1)
        self.assertTrue(out.stdout.startswith("FAIL  config"), out.stdout)
        self.assertIn("ui.font_scale", out.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--portal", required=True)
    parser.add_argument("--assets", required=True)
    parser.add_argument("--migrations", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
