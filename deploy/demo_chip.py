#!/usr/bin/env python3
"""The demo's CCCD chip: a virtual card reader and the citizens' virtual cards, so a newcomer
sees the chip at the desk without a reader or a real card.

It starts the test rig (tests/lib/chip_rig.py: a private pcscd with Debian's vsmartcard-vpcd
reader driver, in a mount namespace of its own, so it needs root; no system service is touched)
and a test CSCA whose certificate it writes to --csca-dir for the desk's `[chip] csca_dir`. Then
it plays the citizen who hands the card over: each time the desk opens a dossier (the newest
"open_declaration" entry of the desk's audit log, read only), it takes the last card off the
reader and places the card of that dossier's citizen, built from the citizen's QR line (--qr,
from `bhxh-portal --print-qr`) and the portrait the desk cached, signed by the test CSCA. A
citizen aged 58 or more has no expiry to derive the chip's key from: the desk then asks the clerk
to type the date printed on the card, which the terminal shows.

Prints "ready <pcscd socket>" on stdout once the reader is up (the desk needs it in
PCSCLITE_CSOCK_NAME) and one line per card placed. Stops on SIGTERM/SIGINT, taking the card off
and stopping pcscd. Exit 3: not root (the demo then runs without the chip)."""
import argparse
import json
import os
import signal
import sqlite3
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))

try:
    from chip_person import person_of, small_jpeg  # noqa: E402
    from chip_rig import ChipRig  # noqa: E402
    from lds_builder import CccdFiles, TestPki  # noqa: E402
    from virtual_cccd import VirtualCccd  # noqa: E402
except ImportError as e:
    sys.exit(f"demo chip: {e}: install the Debian packages python3-cryptography and python3-asn1crypto")

POLL_S = 0.5


def masked(name):
    """The citizen's name as the terminal shows it: initials only (the demo's data is fictional,
    but the habit is the desk's)."""
    return " ".join(w[0] + "." for w in name.split())


class DemoCards:
    def __init__(self, args):
        self.args = args
        self.qr = {}
        with open(args.qr, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    item = json.loads(line)
                    self.qr[item["dossier_no"]] = item
        self.rig = ChipRig(args.rig_dir)
        self.pki = TestPki()
        self.card = None
        self.dossier = None
        self.stop = threading.Event()

    def latest_opened(self):
        """The dossier the desk opened last, or None (no database yet, or it is busy)."""
        if not os.path.exists(self.args.db):
            return None
        try:
            with sqlite3.connect(f"file:{self.args.db}?mode=ro", uri=True, timeout=1) as db:
                row = db.execute("SELECT subject FROM audit_log WHERE kind = 'open_declaration' "
                                 "ORDER BY seq DESC LIMIT 1").fetchone()
                return row[0] if row else None
        except sqlite3.Error:
            return None

    def portrait(self, dossier):
        try:
            with sqlite3.connect(f"file:{self.args.db}?mode=ro", uri=True, timeout=1) as db:
                row = db.execute("SELECT local_path FROM declaration_files WHERE dossier_no = ? AND kind = 'portrait' "
                                 "AND local_path IS NOT NULL", (dossier,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row and os.path.exists(row[0]) else None

    def take_off(self):
        if self.card:
            self.card.remove()
            self.card = None

    def place(self, dossier):
        self.take_off()
        line = self.qr.get(dossier)
        if not line or not line.get("cccd"):
            print(f"chip: {dossier}: no CCCD for this citizen (a BHYT card has no chip)", flush=True)
            return
        person = person_of(line)
        if person is None:
            print(f"chip: {dossier}: aged 58 or more, the card has no expiry to derive the key from; "
                  "no card placed", flush=True)
            return
        path = self.portrait(dossier)
        if not path:
            print(f"chip: {dossier}: the desk has no portrait of this citizen yet; no card placed", flush=True)
            return
        try:
            jpeg = small_jpeg(path, self.args.rig_dir)
        except (OSError, RuntimeError, ValueError) as e:
            print(f"chip: {dossier}: the portrait cannot be made small enough for a chip ({e})", flush=True)
            return
        files = CccdFiles(self.pki, person=person, jpeg=jpeg)
        self.card = VirtualCccd(files.files(), files.bac_input(), files.aa_key)
        self.card.insert(self.rig.port)
        print(f"chip: the card of {masked(person['name'])} ({dossier}) is on the reader", flush=True)

    def run(self):
        self.rig.start()
        self.pki.write_csca(self.args.csca_dir)
        print(f"ready {self.rig.socket_path}", flush=True)
        while not self.stop.wait(POLL_S):
            opened = self.latest_opened()
            if opened and opened != self.dossier:
                self.dossier = opened
                self.place(opened)

    def close(self):
        self.take_off()
        self.rig.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rig-dir", required=True, help="a new folder for pcscd's socket, configuration and log")
    parser.add_argument("--csca-dir", required=True, help="where the test CSCA certificate is written")
    parser.add_argument("--qr", required=True, help="the citizens' QR lines (bhxh-portal --print-qr)")
    parser.add_argument("--db", required=True, help="the desk's database (read only)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("demo chip: the virtual reader needs root (pcscd in its own mount namespace); "
              "run the demo with sudo to see the chip", file=sys.stderr)
        return 3
    cards = DemoCards(args)
    signal.signal(signal.SIGTERM, lambda *_: cards.stop.set())
    signal.signal(signal.SIGINT, lambda *_: cards.stop.set())
    try:
        cards.run()
    except RuntimeError as e:  # pcscd did not start: its log says why
        print(f"demo chip: {e}", file=sys.stderr)
        return 1
    finally:
        cards.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
