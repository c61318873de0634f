"""The audit log's v1 canonical encoding (modules/store/audit_chain.h), written independently of
the C++ code: what a test (or an insider without the key) hashes with plain SHA-256."""
import hashlib

GENESIS = "0" * 64


def encode(seq, at_ms, kind, officer, subject, detail, prev):
    out = b"bhxh-audit-v1\n"
    for field in (str(seq), str(at_ms), kind, officer, subject, detail, prev):
        data = field.encode("utf-8")
        out += str(len(data)).encode() + b":" + data + b"\n"
    return out


def plain_hash(seq, at_ms, kind, officer, subject, detail, prev):
    return hashlib.sha256(encode(seq, at_ms, kind, officer, subject, detail, prev)).hexdigest()
