"""Starts the real bhxh-portal on a free loopback port and talks to it over HTTP.

Used by the portal's integration tests and reusable by the desk's sync tests."""
import http.client
import json
import os
import subprocess
import tempfile
import time

from sinks import stop_process

BASE = "/api/desk/v1"

# Fictional desk tokens; the portal reads them from a file, never from its command line.
TOKENS = {
    "07916-D01": "tok-q6-d01-7f3a9c2e5b1d4f60",
    "07916-D02": "tok-q6-d02-1c8e4b7a9d2f3e51",
    "07914-D01": "tok-q4-d01-5e2d8a1f7c3b9e40",
}


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


class Portal:
    def __init__(self, portal_bin, *args, seed=40, seed_value=1, office="07916", workdir=None, port=0):
        self._tmp = None
        if workdir is None:
            self._tmp = tempfile.TemporaryDirectory()
            workdir = self._tmp.name
        self.workdir = workdir
        self.tokens_file = os.path.join(workdir, "tokens.txt")
        with open(self.tokens_file, "w", encoding="utf-8") as f:
            f.write("# desk tokens for the tests\n")
            for desk, token in TOKENS.items():
                f.write(f"{desk} {token}\n")
        os.chmod(self.tokens_file, 0o600)
        self.db = os.path.join(workdir, "portal.sqlite3")
        self.bin = portal_bin
        self.args = ["--db", self.db, "--tokens", self.tokens_file, "--listen", "127.0.0.1", "--port", str(port),
                     "--seed", str(seed), "--seed-value", str(seed_value), "--office", office, *args]
        self.proc = None
        self.port = None

    def start(self, timeout=60):
        self.proc = subprocess.Popen([self.bin, *self.args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        deadline = time.monotonic() + timeout
        line = self.proc.stdout.readline()  # the portal prints it once bound, then flushes
        if not line.startswith("listening on 127.0.0.1:") or time.monotonic() > deadline:
            self.proc.kill()
            raise RuntimeError(f"portal did not start: {line!r} {self.proc.stderr.read()}")
        self.port = int(line.strip().rsplit(":", 1)[1])
        return self

    def stop(self):
        stop_process(self.proc)
        if self.proc:
            self.proc.stdout.close()
            self.proc.stderr.close()
        if self._tmp:
            self._tmp.cleanup()

    def request(self, method, path, desk="07916-D01", body=None, headers=None, token=None, desk_header=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        if desk is not None:
            h["Authorization"] = "Bearer " + (token if token is not None else TOKENS[desk])
            h["X-Desk-Id"] = desk_header if desk_header is not None else desk
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            h["Content-Type"] = "application/json"
        try:
            conn.request(method, BASE + path, body=data, headers=h)
            r = conn.getresponse()
            payload = r.read()
            return Response(r.status, r.getheaders(), payload)
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body, **kw):
        return self.request("POST", path, body=body, **kw)

    def status(self, dossier_no):
        """The declaration's status on the portal ("pending", "claimed", …), None when unknown."""
        r = self.get(f"/declarations/{dossier_no}")
        return r.json()["status"] if r.status == 200 else None

    def all_declarations(self, desk="07916-D01", office="07916"):
        items, cursor = [], None
        while True:
            q = f"/offices/{office}/declarations?limit=500" + (f"&after={cursor}" if cursor else "")
            r = self.get(q, desk=desk)
            assert r.status == 200, r.body
            page = r.json()
            items += page["items"]
            if len(page["items"]) < 500:
                return items
            cursor = page["next_cursor"]

    def print_qr(self, seed, seed_value=1, office="07916"):
        out = subprocess.run([self.bin, "--print-qr", "--seed", str(seed), "--seed-value", str(seed_value),
                              "--office", office], capture_output=True, text=True, timeout=60, check=True)
        return [json.loads(line) for line in out.stdout.splitlines()]

    def camera_video(self, video_tool, folder, dossier_no, kind, seed=40, edit=None):
        """A short video (bhxh-demo-video) showing the CCCD or BHYT card of one seeded citizen, to
        stand in for the desk's webcam. Written to folder/camera-<dossier>-<kind>.avi. `edit`, when
        given, changes that citizen's print_qr line (a dict) before the card is drawn: a card
        whose fields differ from the declaration."""
        qr = os.path.join(folder, "qr.jsonl")
        with open(qr, "w", encoding="utf-8") as f:
            for line in self.print_qr(seed):
                if edit and line["dossier_no"] == dossier_no:
                    line = edit(line)
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        only = os.path.join(folder, "only.txt")
        with open(only, "w", encoding="utf-8") as f:
            f.write(dossier_no + "\n")
        video = os.path.join(folder, f"camera-{dossier_no}-{kind}.avi")
        subprocess.run([video_tool, "--qr", qr, "--only", only, "--out", video, "--cards", "1", "--kind", kind,
                        "--seconds", "6", "--gap", "1", "--fps", "10"], check=True, capture_output=True, timeout=120)
        return video
