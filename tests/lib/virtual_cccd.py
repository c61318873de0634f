"""A virtual CCCD chip for the tests: a TCP client of Debian's vsmartcard-vpcd reader driver
(inside a private pcscd), speaking vpcd's wire format (2-byte big-endian length, then the payload;
a 1-byte payload is a control: 0 power off, 1 power on, 2 reset, 4 send the ATR). It answers
SELECT (by AID and by file id), GET CHALLENGE, EXTERNAL AUTHENTICATE (BAC, ICAO 9303-11),
READ BINARY and SELECT under secure messaging (3DES, retail MAC, send sequence counter) and
INTERNAL AUTHENTICATE (active authentication: RSA ISO 9796-2 scheme 1 with SHA-1, or ECDSA with
SHA-256 and the plain r ‖ s signature of BSI TR-03111).

Faults for the tests: `clone=True` signs the AA challenge with another key; `pull_after_dg2_reads`
drops the connection (card pulled out) after that many READ BINARYs of DG2."""
import hashlib
import os
import socket
import struct
import threading

try:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
except ImportError as e:
    raise SystemExit(f"FAIL: {e}: install the Debian package python3-cryptography")

AID = bytes.fromhex("A0000002471001")


def _atr(historical):
    """A T=1 ATR: 3B 8n 80 01 + historical bytes + TCK (XOR of T0..last historical byte)."""
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3B" + body + bytes([tck])


ATR = _atr(b"BHXHCCCD")
SW_OK = b"\x90\x00"


def _tdes(key16):
    return algorithms.TripleDES(key16 + key16[:8])


def enc3(key, data):
    e = Cipher(_tdes(key), modes.CBC(bytes(8))).encryptor()
    return e.update(data) + e.finalize()


def dec3(key, data):
    d = Cipher(_tdes(key), modes.CBC(bytes(8))).decryptor()
    return d.update(data) + d.finalize()


def des_ecb(k8, block, decrypt=False):
    c = Cipher(algorithms.TripleDES(k8 * 3), modes.ECB())
    op = c.decryptor() if decrypt else c.encryptor()
    return op.update(block) + op.finalize()


def pad(data):
    data = data + b"\x80"
    return data + bytes((8 - len(data) % 8) % 8)


def unpad(data):
    i = data.rstrip(b"\0")
    if not i.endswith(b"\x80"):
        raise ValueError("bad padding")
    return i[:-1]


def retail_mac(key16, data):
    """ISO 9797-1 MAC algorithm 3 over already padded data."""
    ka, kb = key16[:8], key16[8:]
    h = bytes(8)
    for i in range(0, len(data), 8):
        h = des_ecb(ka, bytes(x ^ y for x, y in zip(h, data[i:i + 8])))
    return des_ecb(ka, des_ecb(kb, h, decrypt=True))


def derive_key(seed, counter):
    k = bytearray(hashlib.sha1(seed + bytes([0, 0, 0, counter])).digest()[:16])
    for i, b in enumerate(k):
        hi = b & 0xFE
        k[i] = hi | (0 if bin(hi).count("1") % 2 else 1)
    return bytes(k)


def bac_keys(doc, birth, expiry):
    from lds_builder import check_digit
    doc = doc.ljust(9, "<")
    info = doc + check_digit(doc) + birth + check_digit(birth) + expiry + check_digit(expiry)
    seed = hashlib.sha1(info.encode()).digest()[:16]
    return derive_key(seed, 1), derive_key(seed, 2)


def parse_dos(data):
    out, i = {}, 0
    while i < len(data):
        tag = data[i]; i += 1
        n = data[i]; i += 1
        if n & 0x80:
            k = n & 0x7F
            n = int.from_bytes(data[i:i + k], "big"); i += k
        out[tag] = data[i:i + n]; i += n
    return out


def do(tag, value):
    n = len(value)
    ln = bytes([n]) if n < 0x80 else (bytes([0x81, n]) if n < 0x100 else bytes([0x82]) + n.to_bytes(2, "big"))
    return bytes([tag]) + ln + value


class VirtualCccd:
    def __init__(self, files, bac, aa_key=None, clone=False, pull_after_dg2_reads=None, apdu_log=None):
        self.files = files            # file id → bytes
        self.kenc, self.kmac = bac_keys(*bac)
        self.aa_key = aa_key
        if clone and isinstance(aa_key, ec.EllipticCurvePrivateKey):
            self.aa_key = ec.generate_private_key(aa_key.curve)
        elif clone and aa_key is not None:
            self.aa_key = rsa.generate_private_key(65537, aa_key.key_size)
        self.pull_after_dg2_reads = pull_after_dg2_reads
        self.apdu_log = apdu_log if apdu_log is not None else []
        self.sock = None
        self.thread = None
        self.stopping = threading.Event()
        self.errors = []
        self._reset()

    def _reset(self):
        self.rnd_icc = None
        self.ks_enc = self.ks_mac = None
        self.ssc = 0
        self.selected = None
        self.app_selected = False
        self.dg2_reads = 0

    # --- the wire -------------------------------------------------------------------------
    def insert(self, port, host="127.0.0.1", timeout=10.0):
        """Connects to vpcd (the card is "placed on the reader") and serves in a thread."""
        self.stopping.clear()
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.settimeout(0.5)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def remove(self):
        """The card is taken off the reader."""
        self.stopping.set()
        if self.sock:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.sock.close()
        if self.thread:
            self.thread.join(5)
        self.sock = None

    def _recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            if self.stopping.is_set():
                raise ConnectionError("stopping")
            try:
                chunk = self.sock.recv(n - len(buf))
            except socket.timeout:
                continue
            if not chunk:
                raise ConnectionError("vpcd closed")
            buf += chunk
        return buf

    def _send(self, payload):
        self.sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self):
        try:
            while not self.stopping.is_set():
                (n,) = struct.unpack(">H", self._recv_exact(2))
                msg = self._recv_exact(n)
                if n == 1:
                    if msg[0] == 4:
                        self._send(ATR)
                    elif msg[0] in (0, 1, 2):
                        self._reset()
                    continue
                try:
                    resp = self.process(msg)
                except Exception as e:  # a bug in the card must show, not hang the reader
                    import traceback
                    traceback.print_exc()
                    self.errors.append(repr(e))
                    resp = b"\x6F\x00"
                if resp is None:  # pulled out
                    self.stopping.set()
                    self.sock.close()
                    return
                self.apdu_log.append((len(msg), len(resp)))
                self._send(resp)
        except (ConnectionError, OSError):
            return

    # --- the card ----------------------------------------------------------------------------
    def process(self, apdu):
        cla, ins, p1, p2 = apdu[:4]
        if cla & 0x0C == 0x0C:
            return self._secure(apdu)
        if ins == 0xA4 and p1 == 0x04:
            lc = apdu[4]
            if apdu[5:5 + lc] == AID:
                self.app_selected = True
                return SW_OK
            return b"\x6A\x82"
        if ins == 0x84:
            if not self.app_selected:
                return b"\x69\x85"
            self.rnd_icc = os.urandom(8)
            return self.rnd_icc + SW_OK
        if ins == 0x82:
            return self._external_authenticate(apdu[5:5 + apdu[4]])
        if ins in (0xA4, 0xB0):
            return b"\x69\x82"  # security status not satisfied: BAC first
        return b"\x6D\x00"

    def _external_authenticate(self, data):
        if self.rnd_icc is None or len(data) != 40:
            return b"\x67\x00"
        e_ifd, m_ifd = data[:32], data[32:]
        if retail_mac(self.kmac, pad(e_ifd)) != m_ifd:
            self.rnd_icc = None
            return b"\x63\x00"
        s = dec3(self.kenc, e_ifd)
        rnd_ifd, rnd_icc, k_ifd = s[:8], s[8:16], s[16:32]
        if rnd_icc != self.rnd_icc:
            return b"\x63\x00"
        k_icc = os.urandom(16)
        r = rnd_icc + rnd_ifd + k_icc
        e_icc = enc3(self.kenc, r)
        seed = bytes(a ^ b for a, b in zip(k_ifd, k_icc))
        self.ks_enc, self.ks_mac = derive_key(seed, 1), derive_key(seed, 2)
        self.ssc = int.from_bytes(rnd_icc[4:] + rnd_ifd[4:], "big")
        return e_icc + retail_mac(self.kmac, pad(e_icc)) + SW_OK

    def _sm_fail(self):
        self.ks_enc = None
        return b"\x69\x88"

    def _secure(self, apdu):
        if self.ks_enc is None:
            return b"\x69\x88"
        self.ssc = (self.ssc + 1) % (1 << 64)
        header = bytes([apdu[0], apdu[1], apdu[2], apdu[3]])
        lc = apdu[4] if len(apdu) > 5 else 0
        dos = parse_dos(apdu[5:5 + lc])
        m = pad(header)
        body = b""
        if 0x87 in dos:
            body += do(0x87, dos[0x87])
        if 0x97 in dos:
            body += do(0x97, dos[0x97])
        if 0x8E not in dos or retail_mac(self.ks_mac, pad(self.ssc.to_bytes(8, "big") + m + body)) != dos[0x8E]:
            return self._sm_fail()
        data = b""
        if 0x87 in dos:
            data = unpad(dec3(self.ks_enc, dos[0x87][1:]))
        le = dos.get(0x97, b"")
        ins, p1, p2 = apdu[1], apdu[2], apdu[3]
        out, sw = b"", SW_OK
        if ins == 0xA4:
            fid = int.from_bytes(data, "big")
            if fid in self.files:
                self.selected = fid
            else:
                sw = b"\x6A\x82"
        elif ins == 0xB0:
            if self.selected is None:
                sw = b"\x69\x86"
            else:
                if self.selected == 0x0102:
                    self.dg2_reads += 1
                    if self.pull_after_dg2_reads is not None and self.dg2_reads > self.pull_after_dg2_reads:
                        return None
                off = (p1 << 8) | p2
                n = le[0] if le else 0
                n = 256 if n == 0 else n
                f = self.files[self.selected]
                if off > len(f):
                    sw = b"\x6B\x00"
                else:
                    out = f[off:off + n]
        elif ins == 0x88:
            if self.aa_key is None:
                sw = b"\x6D\x00"
            else:
                out = self._aa_sign(data)
        else:
            sw = b"\x6D\x00"
        return self._protect(out, sw)

    def _protect(self, out, sw):
        self.ssc = (self.ssc + 1) % (1 << 64)
        body = b""
        if out:
            body += do(0x87, b"\x01" + enc3(self.ks_enc, pad(out)))
        body += do(0x99, sw)
        mac = retail_mac(self.ks_mac, pad(self.ssc.to_bytes(8, "big") + body))
        return body + do(0x8E, mac) + sw

    def _aa_sign(self, challenge):
        """ECDSA with SHA-256, r ‖ s; or ISO/IEC 9796-2 scheme 1 (partial recovery) with SHA-1, raw
        RSA with the AA key."""
        if isinstance(self.aa_key, ec.EllipticCurvePrivateKey):
            r, s = decode_dss_signature(self.aa_key.sign(challenge, ec.ECDSA(hashes.SHA256())))
            size = (self.aa_key.curve.key_size + 7) // 8
            return r.to_bytes(size, "big") + s.to_bytes(size, "big")
        nums = self.aa_key.private_numbers()
        k = self.aa_key.key_size // 8
        m1 = os.urandom(k - 20 - 2)
        f = b"\x6A" + m1 + hashlib.sha1(m1 + challenge).digest() + b"\xBC"
        s = pow(int.from_bytes(f, "big"), nums.d, nums.public_numbers.n)
        return s.to_bytes(k, "big")
