"""A citizen's chip from the citizen's QR: the person a virtual CCCD (virtual_cccd.py, lds_builder.py)
carries, with the expiry the desk derives the chip's key from (docs/card-formats.md "The chip's
key"), and the portrait made small enough for a chip file. Used by the chip's end-to-end test and
by the demo's virtual card (deploy/demo_chip.py)."""
import datetime
import os
import subprocess
import unicodedata

from vn_text import without_marks


RENEWAL_AGES = (14, 25, 40, 60)


def birthday_at(birth, age):
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # 29/02 in a common year
        return birth.replace(year=birth.year + age, day=28)


def expiry_for(birth, issue):
    """docs/card-formats.md "The chip's key": the next renewal age's birthday, unless the card was
    issued within two years before it; none from 58 on."""
    for age in RENEWAL_AGES:
        if issue < birthday_at(birth, age - 2):
            return birthday_at(birth, age)
    return None


def ddmmyyyy(text):
    return datetime.date(int(text[4:8]), int(text[2:4]), int(text[0:2]))


def person_of(qr_line):
    """The chip's person from the citizen's QR payload (id|old id|name|birth|gender|address|issue)."""
    parts = qr_line["cccd"].split("|")
    birth, issue = ddmmyyyy(parts[3]), ddmmyyyy(parts[6])
    expiry = expiry_for(birth, issue)
    if expiry is None:
        return None
    name = unicodedata.normalize("NFC", parts[2])
    words = without_marks(name).upper().split()
    return {
        "id": parts[0], "name": name, "surname": words[0], "given": " ".join(words[1:]),
        "birth": birth.strftime("%d/%m/%Y"), "birth_yymmdd": birth.strftime("%y%m%d"),
        "expiry": expiry.strftime("%d/%m/%Y"), "expiry_yymmdd": expiry.strftime("%y%m%d"),
        "issue": issue.strftime("%d/%m/%Y"), "sex": "M" if parts[4] == "Nam" else "F", "gender": parts[4],
        "residence": parts[5], "origin": "Xã Hòa Bình, Huyện Chợ Gạo, Tiền Giang",
        "father": "Nguyễn Văn Bình", "mother": "Trần Thị Cúc", "old_id": parts[1] or "025123456",
    }


def small_jpeg(path, folder):
    """The portrait as the chip holds it: a small JPEG (a chip file is at most 32 767 bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) <= 24000:
        return data
    out = os.path.join(folder, "chip-portrait.jpg")
    for width, quality in ((320, 5), (240, 8), (200, 12)):
        try:
            subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", path, "-vf", f"scale={width}:-2",
                            "-q:v", str(quality), out], check=True, timeout=60)
        except FileNotFoundError:
            raise RuntimeError("ffmpeg not found: install the Debian package ffmpeg")
        with open(out, "rb") as f:
            data = f.read()
        if len(data) <= 24000:
            return data
    raise ValueError(f"the portrait stays {len(data)} bytes after scaling")
