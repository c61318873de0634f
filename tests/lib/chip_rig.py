"""The chip test rig: a private pcscd (foreground, its own socket and reader.conf pointing at
Debian's vsmartcard-vpcd driver on a free TCP port) and the virtual CCCD (virtual_cccd.py) that
the tests place on and take off its reader.

pcscd 1.9.9 always creates its socket in /run/pcscd; PCSCLITE_CSOCK_NAME moves only the client's
side. So the daemon runs in its own mount namespace (unshare, as root) with a temp folder bound
on /run/pcscd, and clients get PCSCLITE_CSOCK_NAME = that folder's pcscd.comm: no system service
is touched and rigs can run side by side. This needs root (CAP_SYS_ADMIN, as in CI); without it
start() fails with pcscd's log."""
import os
import shutil
import socket
import subprocess
import tempfile
import time

from sinks import stop_process

VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
PCSCD = "/usr/sbin/pcscd"


def require_tools():
    if not os.path.exists(PCSCD):
        raise SystemExit("FAIL: pcscd not found: install the Debian package pcscd")
    if not os.path.exists(VPCD_DRIVER):
        raise SystemExit(f"FAIL: {VPCD_DRIVER} not found: install the Debian package vsmartcard-vpcd")
    if not shutil.which("unshare"):
        raise SystemExit("FAIL: unshare not found: install the Debian package util-linux")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChipRig:
    def __init__(self, workdir=None):
        require_tools()
        self.dir = workdir or tempfile.mkdtemp(prefix="bhxh-chip-rig-")
        os.makedirs(self.dir, exist_ok=True)
        os.chmod(self.dir, 0o700)
        self.run_dir = os.path.join(self.dir, "run")
        os.makedirs(self.run_dir, exist_ok=True)
        self.port = free_port()
        self.conf = os.path.join(self.dir, "reader.conf")
        with open(self.conf, "w") as f:
            f.write('FRIENDLYNAME "Virtual PCD"\n'
                    f"DEVICENAME   /dev/null:0x{self.port:04X}\n"
                    f"LIBPATH      {VPCD_DRIVER}\n"
                    f"CHANNELID    0x{self.port:04X}\n")
        self.proc = None
        self._log = None
        self.log_path = os.path.join(self.dir, "pcscd.log")
        self.reader_name = "Virtual PCD 00 00"

    @property
    def socket_path(self):
        return os.path.join(self.run_dir, "pcscd.comm")

    def client_env(self, base=None):
        env = dict(base or os.environ)
        env["PCSCLITE_CSOCK_NAME"] = self.socket_path
        return env

    def start(self, timeout=15.0):
        if os.path.exists(self.socket_path):
            os.unlink(self.socket_path)
        open(self.log_path, "wb").close()
        log = self._log = open(self.log_path, "ab")
        cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
               f'mount --bind "{self.run_dir}" /run/pcscd && exec "{PCSCD}" --foreground --config "{self.conf}" -i']
        if not os.path.isdir("/run/pcscd"):
            os.makedirs("/run/pcscd", exist_ok=True)
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pcscd exited with {self.proc.returncode}: {self.log_tail()}")
            if os.path.exists(self.socket_path) and "daemon ready" in self.log_tail(100000):
                return self
            time.sleep(0.05)
        raise RuntimeError(f"pcscd did not become ready in {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self, n=2000):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-n:].decode(errors="replace")
        except OSError:
            return ""

    def stop(self):
        """The reader goes away (pcscd stops): clients see no reader / no service."""
        stop_process(self.proc)
        self.proc = None
        if getattr(self, "_log", None):
            self._log.close()
            self._log = None

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
