"""A real IPP printer for the tests and the demo: ippeveprinter (Debian cups-ipp-utils), the IPP
Everywhere printer of CUPS, on a free loopback port, keeping every job's document as a file in
its spool folder (-k) and taking PDF (-f application/pdf).

ippeveprinter opens a DNS-SD client even with advertising off (-r off), and Debian's build talks
to Avahi over the D-Bus system bus: without one it stops at "Unable to initialize DNS-SD". The
printer gets a private dbus-daemon (Debian dbus) as its system bus instead, so neither avahi-daemon
nor the machine's bus is needed and nothing is advertised on the network.

    printer = IppPrinter(spool_dir); printer.start(); … printer.uri … printer.jobs() … printer.stop()
"""
import os
import pathlib
import shutil
import signal
import subprocess
import time

from sinks import free_port, stop_process, wait_port


def tool(name, package):
    path = shutil.which(name) or (f"/usr/sbin/{name}" if os.path.exists(f"/usr/sbin/{name}") else None)
    if not path:
        raise AssertionError(f"{name} not found: install {package} (deploy/setup.sh)")
    return path


class IppPrinter:
    def __init__(self, spool_dir, name="bhxh-test-printer"):
        self.spool = pathlib.Path(spool_dir)
        self.name = name
        self.port = None
        self.dbus = None
        self.proc = None
        self.log_path = self.spool.parent / (self.spool.name + "-ippeveprinter.log")

    @property
    def uri(self):
        return f"ipp://localhost:{self.port}/ipp/print"

    def start(self, timeout=20):
        ippeveprinter = tool("ippeveprinter", "cups-ipp-utils")
        dbus_daemon = tool("dbus-daemon", "dbus")
        self.spool.mkdir(parents=True, exist_ok=True)
        self.dbus = subprocess.Popen([dbus_daemon, "--session", "--nofork", "--nopidfile", "--print-address=1"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        address = self.dbus.stdout.readline().strip()
        if not address:
            self.stop()
            raise AssertionError("dbus-daemon gave no bus address (Debian dbus)")
        env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=address)
        self.port = free_port()
        self.log = open(self.log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen([ippeveprinter, "-k", "-d", str(self.spool), "-f", "application/pdf",
                                      "-p", str(self.port), "-r", "off", "-n", "localhost", "-s", "60,0",
                                      self.name], stdout=self.log, stderr=subprocess.STDOUT, env=env)
        try:
            wait_port(self.port, timeout)
        except AssertionError:
            self.stop()
            raise AssertionError("ippeveprinter did not start: " + self.log_path.read_text(errors="replace")[-2000:])
        return self

    def jobs(self):
        """The documents the printer received, oldest first (ippeveprinter names them <job-id>-<name>.pdf)."""
        files = [p for p in self.spool.glob("*") if p.is_file()]
        return sorted(files, key=lambda p: (int(p.name.split("-", 1)[0]) if p.name.split("-", 1)[0].isdigit() else 0,
                                            p.name))

    def wait_for_jobs(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.jobs()) >= count:
                return self.jobs()
            time.sleep(0.1)
        raise AssertionError(f"the printer received {len(self.jobs())} job(s), not {count}, within {timeout} s")

    def freeze(self):
        """The printer stops answering (SIGSTOP): connections are accepted by the kernel, never served."""
        os.kill(self.proc.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.proc.pid, signal.SIGCONT)

    def stop(self):
        for proc in (self.proc, self.dbus):
            if proc and proc.poll() is None:
                try:
                    os.kill(proc.pid, signal.SIGCONT)
                except ProcessLookupError:
                    pass
                stop_process(proc)
        if self.dbus and self.dbus.stdout:
            self.dbus.stdout.close()
        if getattr(self, "log", None):
            self.log.close()
        self.proc = None
        self.dbus = None
