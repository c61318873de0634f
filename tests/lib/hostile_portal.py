"""A hostile desk portal for the tests: it speaks enough of the desk API v1 (docs/portal-api.md:
listing, one declaration, files, lookup) to lead the desk into each way a broken or malicious
portal can fail it, one mode at a time.

Modes (MODES below): malformed-json, deep-nesting, huge-body (100 MB), slow-headers, slow-body
(a trickle that never finishes), hang (accepts, never answers), repeating-cursor (full pages with
the same next_cursor forever), redirect (to another host), huge-photo (70 MB behind a small
declared size), huge-string (a 60 MB full_name), gzip-bomb (0.5 MB of gzip that inflates to 512 MB of
JSON), endless-chunked (a chunked JSON answer without a length that never ends), and good (a small, well-behaved office).

The mode is chosen per request by the path: `/api/desk/v1/...` uses the server's default mode
(--mode), `/mode/<mode>/api/desk/v1/...` any other, so one server serves every mode. The server
never checks the token (a compromised portal would not) and never holds a big answer in memory:
bodies are streamed in chunks. Every slow or hanging answer ends when the client hangs up or after
--max-stall-s. `GET /__hostile/stats` answers what it saw (requests per mode, requests that
reached the redirect trap, whether any carried an Authorization header).

As a program: `hostile_portal.py --mode MODE [--port 0] [--port-file F]` prints
`listening on 127.0.0.1:<port>` (and writes the port to F) once bound, then serves until killed.
As a module: `HostilePortal(mode).start()` in a thread of the test, `.port`, `.base_url(mode)`,
`.stats()`, `.stop()`.
"""
import argparse
import hashlib
import http.server
import json
import os
import select
import socket
import sys
import threading
import time
import urllib.parse

BASE = "/api/desk/v1"
MB = 1024 * 1024

MODES = {
    "good": "a small office of valid declarations, answered at once",
    "malformed-json": "every JSON answer is cut in the middle of an object",
    "deep-nesting": "an item whose 'adjust' is nested 100,000 levels deep (about 1 MB)",
    "huge-body": "a 100 MB JSON answer, streamed (Content-Length announced)",
    "slow-headers": "the status line, then one header byte per second, forever",
    "slow-body": "headers promise 1 MB, then one body byte per second, forever",
    "hang": "the request is read and never answered",
    "repeating-cursor": "full pages whose next_cursor never advances",
    "redirect": "302 to another host (the trap) for every request",
    "huge-photo": "a valid declaration whose portrait (declared 40 KB) is 70 MB",
    "huge-string": "an item whose full_name is 60 MB",
    "gzip-bomb": "a JSON answer of 0.5 MB sent gzip-encoded that inflates to 512 MB",
    "endless-chunked": "a chunked JSON answer, no length announced, 1 MB chunks as fast as read, never ending",
}

TRAP = "trap"  # the mode of the redirect's target: counts requests that should never come
HUGE_BODY_BYTES = 100 * MB
HUGE_PHOTO_BYTES = 70 * MB
HUGE_STRING_BYTES = 60 * MB
GZIP_BOMB_BYTES = 512 * MB
DEEP_LEVELS = 100_000
CHUNK = MB


def declaration(office, n, status="pending", files=None, **changes):
    """One valid Form 01 declaration (fictional person n), as the reference portal writes it."""
    d = {
        "dossier_no": f"{office}-2099-{n:06d}", "form": "TK01", "request": "register", "kind": "individual",
        "status": status, "office_code": office, "submitted_at": "2026-11-22T08:00:00+07:00",
        "expires_at": "2099-12-02T08:00:00+07:00", "updated_at": "2026-11-22T08:00:00+07:00",
        "channel": "web", "full_name": "Nguyễn Văn Thử", "bhxh_code": f"79{n:08d}"[:10],
        "id_number": f"0790{n:08d}"[:12], "date_of_birth": "1990-01-02", "gender": "male",
        "phone": "0900000000", "email": None, "contact_person": "", "transact_at": "portal",
        "ivan_name": None, "submission": "at_office",
        "address": {"province_code": "79", "district_code": "775", "ward_code": "27364", "detail": "1 Lê Lợi",
                    "text": "1 Lê Lợi, Phường 2, Quận 6, TP. Hồ Chí Minh"},
        "guardian": None, "adjust": None, "stop": None, "files": files or [], "version": 1,
    }
    d.update(changes)
    return d


_gzip_bomb = None


def gzip_bomb():
    """A gzip member (made once, kept: about 0.5 MB) whose JSON inflates to GZIP_BOMB_BYTES."""
    global _gzip_bomb
    if _gzip_bomb is None:
        import zlib
        z = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
        head = b'{"items": [], "next_cursor": null, "padding": "'
        out = [z.compress(head)]
        block = b"x" * MB
        for _ in range(GZIP_BOMB_BYTES // MB):
            out.append(z.compress(block))
        out.append(z.compress(b'"}'))
        out.append(z.flush())
        _gzip_bomb = b"".join(out)
    return _gzip_bomb


def huge_photo_chunks():
    """The 70 MB 'photo': a PNG signature, then zeros (streamed; never held whole)."""
    yield b"\x89PNG\r\n\x1a\n" + bytes(CHUNK - 8)
    sent = CHUNK
    while sent < HUGE_PHOTO_BYTES:
        n = min(CHUNK, HUGE_PHOTO_BYTES - sent)
        yield bytes(n)
        sent += n


_HUGE_PHOTO_SHA = None


def huge_photo_sha256():
    global _HUGE_PHOTO_SHA
    if _HUGE_PHOTO_SHA is None:
        h = hashlib.sha256()
        for chunk in huge_photo_chunks():
            h.update(chunk)
        _HUGE_PHOTO_SHA = h.hexdigest()
    return _HUGE_PHOTO_SHA


class _Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = {}
        self.trap_hits = 0
        self.authorized_trap_hits = 0

    def count(self, mode, authorized):
        with self.lock:
            self.requests[mode] = self.requests.get(mode, 0) + 1
            if mode == TRAP:
                self.trap_hits += 1
                self.authorized_trap_hits += 1 if authorized else 0

    def as_json(self):
        with self.lock:
            return {"requests": dict(self.requests), "trap_hits": self.trap_hits,
                    "authorized_trap_hits": self.authorized_trap_hits}


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hostile-portal"

    def log_message(self, *args):
        pass

    # --- plumbing -------------------------------------------------------------------------

    def _send_json(self, status, value):
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self._send_bytes(status, body, "application/json")

    def _send_bytes(self, status, body, content_type, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self._write(body)

    def _stream(self, status, chunks, length, content_type, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        for chunk in chunks:
            if not self._write(chunk):
                return

    def _write(self, data):
        """False once the client hung up (the desk refusing an answer beyond its limits)."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError):
            self.close_connection = True
            return False

    def _client_gone(self, wait_s):
        """Waits up to wait_s; True when the client closed its end."""
        try:
            ready, _, _ = select.select([self.connection], [], [], wait_s)
            if not ready:
                return False
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _trickle(self, data_byte):
        """One byte a second until the client gives up or max_stall_s passes."""
        deadline = time.monotonic() + self.server.max_stall_s
        while time.monotonic() < deadline:
            if not self._write(data_byte) or self._client_gone(1.0):
                break
        self.close_connection = True

    # --- routing --------------------------------------------------------------------------

    def do_GET(self):  # noqa: N802 - http.server's naming
        self._route("GET")

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if 0 < length <= MB:
            self.rfile.read(length)
        self._route("POST")

    def do_DELETE(self):  # noqa: N802
        self._route("DELETE")

    def _route(self, method):
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        if path == "/__hostile/stats":
            return self._send_json(200, self.server.stats.as_json())
        mode = self.server.mode
        if path.startswith("/mode/"):
            mode, _, rest = path[len("/mode/"):].partition("/")
            path = "/" + rest
        self.server.stats.count(mode, "Authorization" in self.headers)
        if mode != TRAP and mode not in MODES:
            return self._send_json(404, {"error": {"code": "not_found", "message": f"unknown mode {mode}"}})
        if not path.startswith(BASE):
            return self._send_json(404, {"error": {"code": "not_found", "message": "no such path"}})
        path = path[len(BASE):]
        query = urllib.parse.parse_qs(url.query)
        if mode == TRAP:
            return self._send_json(200, {"items": [], "next_cursor": None})
        if mode == "hang":
            self._client_gone(self.server.max_stall_s)
            self.close_connection = True
            return None
        if mode == "slow-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            return self._trickle(b"X")
        if mode == "slow-body":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(MB))
            self.end_headers()
            self._write(b'{"items": [')
            return self._trickle(b" ")
        if mode == "redirect":
            target = f"http://localhost:{self.server.server_address[1]}/mode/{TRAP}{BASE}{path}"
            if url.query:
                target += "?" + url.query
            return self._send_bytes(302, b"", "text/plain", [("Location", target)])
        if method != "GET":
            return self._send_json(404, {"error": {"code": "not_found", "message": "read-only portal"}})
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        if len(parts) == 3 and parts[0] == "offices" and parts[2] == "declarations":
            limit = int((query.get("limit") or ["100"])[0])
            return self._json_answer(mode, parts[1], "page", max(1, min(limit, 500)), query.get("after"))
        if len(parts) == 1 and parts[0] == "lookup":
            return self._json_answer(mode, self.server.office, "lookup", 1, None)
        if len(parts) == 2 and parts[0] == "declarations":
            return self._json_answer(mode, parts[1].split("-")[0], "one", 1, None)
        if len(parts) == 4 and parts[0] == "declarations" and parts[2] == "files":
            return self._file(mode, parts[1], parts[3])
        return self._send_json(404, {"error": {"code": "not_found", "message": "no such endpoint"}})

    # --- answers --------------------------------------------------------------------------

    def _wrap(self, kind, items, next_cursor):
        if kind == "page":
            return {"items": items, "next_cursor": next_cursor}
        if kind == "lookup":
            return {"items": items}
        return items[0]

    def _json_answer(self, mode, office, kind, limit, after):
        if mode == "malformed-json":
            return self._send_bytes(200, b'{"items": [{"dossier_no": "' + office.encode() + b'-2099-0', "application/json")
        if mode == "deep-nesting":
            deep = '{"adjust":' * DEEP_LEVELS + "null" + "}" * DEEP_LEVELS
            item = json.dumps(declaration(office, 900_001, adjust="@DEEP@")).replace('"@DEEP@"', deep)
            body = {"page": '{"items": [%s], "next_cursor": "deep~1"}', "lookup": '{"items": [%s]}',
                    "one": "%s"}[kind] % item
            return self._send_bytes(200, body.encode("utf-8"), "application/json")
        if mode == "huge-body":
            head = b'{"items": [], "next_cursor": null, "padding": "'
            tail = b'"}'
            fill = HUGE_BODY_BYTES - len(head) - len(tail)

            def chunks():
                yield head
                left = fill
                while left > 0:
                    n = min(CHUNK, left)
                    yield b"x" * n
                    left -= n
                yield tail
            return self._stream(200, chunks(), HUGE_BODY_BYTES, "application/json")
        if mode == "gzip-bomb":
            # Sent whether the client asked for gzip or not; Content-Length is the small
            # compressed size, so only a limit on the inflated bytes stops it.
            return self._send_bytes(200, gzip_bomb(), "application/json", extra=(("Content-Encoding", "gzip"),))
        if mode == "endless-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * MB
            framed = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
            head = b'{"items": [], "next_cursor": null, "padding": "'
            if not self._write(b"%x\r\n" % len(head) + head + b"\r\n"):
                return None
            deadline = time.monotonic() + self.server.max_stall_s
            while time.monotonic() < deadline and self._write(framed):
                pass
            self.close_connection = True
            return None
        if mode == "huge-string":
            item = json.dumps(declaration(office, 900_002, full_name="@HUGE@"))
            head, tail = item.split('"@HUGE@"')
            prefix = {"page": '{"items": [', "lookup": '{"items": [', "one": ""}[kind]
            suffix = {"page": '], "next_cursor": "huge~1"}', "lookup": "]}", "one": ""}[kind]
            head = (prefix + head + '"').encode("utf-8")
            tail = ('"' + tail + suffix).encode("utf-8")

            def chunks():
                yield head
                left = HUGE_STRING_BYTES
                while left > 0:
                    n = min(CHUNK, left)
                    yield b"N" * n
                    left -= n
                yield tail
            return self._stream(200, chunks(), len(head) + HUGE_STRING_BYTES + len(tail), "application/json")
        if mode == "repeating-cursor":
            # Always `limit` items (a full page: "there is more") and always the same cursor.
            items = [declaration(office, 910_000 + i) for i in range(limit)]
            return self._send_json(200, self._wrap(kind, items, "loop~1"))
        if mode == "huge-photo":
            photo = {"kind": "portrait", "sha256": huge_photo_sha256(), "bytes": 40_000, "content_type": "image/png"}
            items = [declaration(office, 920_001, files=[photo])]
            if kind == "page" and after == ["photo~1"]:  # the list ends after its one item
                return self._send_json(200, {"items": [], "next_cursor": None})
            return self._send_json(200, self._wrap(kind, items, "photo~1"))
        # good: three declarations, then an empty page
        items = [declaration(office, 930_000 + i) for i in range(3)]
        if kind == "page":
            return self._send_json(200, {"items": [] if after else items, "next_cursor": None if after else "good~1"})
        return self._send_json(200, self._wrap(kind, items, None))

    def _file(self, mode, dossier_no, kind):
        if mode == "huge-photo":
            return self._stream(200, huge_photo_chunks(), HUGE_PHOTO_BYTES, "image/png",
                                [("ETag", '"%s"' % huge_photo_sha256())])
        return self._send_json(404, {"error": {"code": "not_found", "message": f"no {kind} for {dossier_no}"}})


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class HostilePortal:
    """One hostile portal on a loopback port, served from a thread of the calling process."""

    def __init__(self, mode="good", office="07916", host="127.0.0.1", port=0, max_stall_s=600):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode}; one of {', '.join(MODES)}")
        self.server = _Server((host, port), _Handler)
        self.server.mode = mode
        self.server.office = office
        self.server.max_stall_s = max_stall_s
        self.server.stats = _Stats()
        self.host = host
        self.port = self.server.server_address[1]
        self.thread = None

    def start(self):
        self.thread = threading.Thread(target=self.server.serve_forever, name="hostile-portal", daemon=True)
        self.thread.start()
        return self

    def base_url(self, mode=None):
        prefix = f"/mode/{mode}" if mode else ""
        return f"http://{self.host}:{self.port}{prefix}{BASE}"

    def stats(self):
        return self.server.stats.as_json()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="modes:\n" + "\n".join(f"  {m:17} {d}" for m, d in MODES.items()))
    parser.add_argument("--mode", default="good", choices=sorted(MODES))
    parser.add_argument("--listen", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", help="write the bound port here (atomically) once listening")
    parser.add_argument("--office", default="07916")
    parser.add_argument("--max-stall-s", type=float, default=600,
                        help="the longest a slow or hanging answer lasts when the client never hangs up")
    args = parser.parse_args(argv)
    portal = HostilePortal(args.mode, args.office, args.listen, args.port, args.max_stall_s)
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(f"{portal.port}\n")
        os.replace(tmp, args.port_file)
    print(f"listening on {args.listen}:{portal.port}", flush=True)
    try:
        portal.server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        portal.server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
