"""Loopback receivers for what the desk sends to citizens, shared by the end-to-end tests:
an HTTP SMS gateway answering in the generic profile's format (assets/sms-profiles/generic.json)
and a real SMTP server (aiosmtpd, run with Debian's /usr/bin/python3) saving each message."""
import email
import email.policy
import json
import os
import pathlib
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def stop_process(proc, timeout=10):
    """SIGTERM, then SIGKILL if it has not ended within `timeout` seconds; reaps it either way.
    A process already gone is left as it is."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


class SmsSink:
    """Records every SMS request (headers and JSON body). Answers 200 {"id": …}, or 503 while
    `down` is set, so a test can take the gateway away and bring it back."""

    def __init__(self, token):
        self.token = token
        self.requests = []
        self.down = False
        self._lock = threading.Lock()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                if sink.down:
                    self._answer(503, {"error": {"code": "unavailable", "message": "down for the test"}})
                    return
                if self.headers.get("Authorization") != "Bearer " + sink.token:
                    self._answer(401, {"error": {"code": "auth", "message": "bad token"}})
                    return
                body = json.loads(raw.decode("utf-8"))
                with sink._lock:
                    sink.requests.append({"headers": dict(self.headers), "body": body})
                    n = len(sink.requests)
                self._answer(200, {"id": f"sms-{n}"})

            def _answer(self, status, body):
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def messages_to(self, phone):
        with self._lock:
            return [r["body"] for r in self.requests if r["body"].get("to") == phone]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class SmtpSink:
    """aiosmtpd on a free loopback port with tests/unit/notify/smtp_sink.py as the handler."""

    def __init__(self, folder, handler_dir, python="/usr/bin/python3"):
        self.folder = pathlib.Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        env = dict(os.environ, PYTHONPATH=handler_dir, BHXH_SMTP_SINK_DIR=str(self.folder))
        self.proc = subprocess.Popen([python, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
                                      "-c", "smtp_sink.Handler"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port)
        self.url = f"smtp://127.0.0.1:{self.port}"

    def messages_to(self, address):
        """Parsed messages whose To is `address`: (subject, plain text, html)."""
        found = []
        for path in sorted(self.folder.glob("*.eml")):
            with open(path, "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
            if msg["To"].addresses[0].addr_spec != address:
                continue
            text = msg.get_body(preferencelist=("plain",)).get_content()
            html = msg.get_body(preferencelist=("html",)).get_content()
            found.append((str(msg["Subject"]), text, html))
        return found

    def stop(self):
        stop_process(self.proc)


def wait_for(predicate, timeout, what, step=0.25):
    """Polls until predicate() is truthy; returns its value or fails naming `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
