"""Hostile pictures for the tests of issue 18: a decompression bomb and friends."""
import struct
import zlib


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def write_png_bomb(path, side=30000):
    """A real, complete grey PNG of side × side black pixels: under 1 MB on disk, side² bytes (900 MB
    for 30000) once decoded, and three times that as the BGR image OpenCV makes of it."""
    row = b"\x00" + b"\x00" * side  # filter byte + one byte per pixel
    packer = zlib.compressobj(9)
    parts = []
    block = row * 64
    rows_left = side
    while rows_left >= 64:
        parts.append(packer.compress(block))
        rows_left -= 64
    parts.append(packer.compress(row * rows_left))
    parts.append(packer.flush())
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)))
        f.write(_chunk(b"IDAT", b"".join(parts)))
        f.write(_chunk(b"IEND", b""))
    return path
