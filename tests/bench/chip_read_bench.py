#!/usr/bin/env python3
"""Chip read benchmark (not run by ctest): `bhxh-desk chip read --json` on the test rig (private
pcscd + vsmartcard-vpcd + the virtual CCCD) N times; prints read+verify time per card, APDUs and
bytes per file, and an estimate for a real contactless reader at 106 and 424 kbit/s.

The estimate: every byte on the air costs 9 bits (ISO 14443-A: 8 data bits + parity) plus a
frame overhead of 4 bytes (PCB, CRC-16, and a CID/NAD allowance) per block each way, and each
APDU a fixed turnaround (card processing + reader) of --turnaround-ms (default 4 ms, a typical
eMRTD chip doing 3DES). Wire bytes per file: the secure-messaging form, i.e. per READ BINARY the
protected command (19 bytes) and the answer (data padded to 8 + 22 bytes of DOs and SW).
Usage: chip_read_bench.py --app build/ci/bhxh-desk [--cards 5] [--jpeg-kb 15]"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from chip_rig import ChipRig  # noqa: E402
from lds_builder import CccdFiles, TestPki  # noqa: E402
from virtual_cccd import VirtualCccd  # noqa: E402


def wire_bytes(file_bytes, apdus):
    reads = max(apdus - 1, 0)  # one SELECT per file
    padded = file_bytes + 8 * reads  # padding ≤ 8 per chunk
    return 27 + 16 + reads * 19 + padded + reads * 22


def airtime_ms(wire, apdus, kbit, turnaround_ms):
    frames = 2 * apdus
    return ((wire + 4 * frames) * 9) / (kbit * 1000) * 1000 + apdus * turnaround_ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--cards", type=int, default=5)
    ap.add_argument("--jpeg-kb", type=int, default=15, help="portrait size in DG2")
    ap.add_argument("--turnaround-ms", type=float, default=4.0)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bhxh-chip-bench-")
    pki = TestPki()
    csca = os.path.join(tmp, "csca")
    pki.write_csca(csca)
    config = os.path.join(tmp, "config.toml")
    with open(config, "w") as f:
        f.write(f'[chip]\ncsca_dir = "{csca}"\n')
    totals, verify, runs = [], [], []
    with ChipRig(os.path.join(tmp, "rig")) as rig:
        for _ in range(args.cards):
            files = CccdFiles(pki, jpeg_size=args.jpeg_kb * 1024)
            card = VirtualCccd(files.files(), files.bac_input(), files.aa_key)
            card.insert(rig.port)
            try:
                p = subprocess.run([args.app, "--config", config, "chip", "read", "--json", "--id-number", "079190001234",
                                    "--birth", "17/05/1990", "--issue", "01/03/2021"], env=rig.client_env(),
                                   capture_output=True, text=True, timeout=120)
            finally:
                card.remove()
            out = json.loads(p.stdout)
            if not out.get("ok") or out["verdict"]["kind"] != "genuine":
                print(f"FAIL: {out}", file=sys.stderr)
                return 1
            totals.append(out["timings_ms"]["total"])
            verify.append(out["timings_ms"]["verify"])
            runs.append(out)
    last = runs[-1]
    print(f"cards: {args.cards}, portrait {args.jpeg_kb} KiB")
    print(f"read+verify on the rig (vpcd over TCP): median {statistics.median(totals):.0f} ms, "
          f"verify (CMS, hashes, active auth) median {statistics.median(verify):.1f} ms")
    print(f"APDUs {last['apdus']}, bytes out {last['bytes_out']}, bytes in {last['bytes_in']}")
    print(f"{'file':8} {'bytes':>7} {'APDUs':>6} {'rig ms':>8} {'106 kbit/s':>11} {'424 kbit/s':>11}")
    est106 = est424 = 0.0
    for f in last["files"]:
        w = wire_bytes(f["bytes"], f["apdus"])
        a, b = airtime_ms(w, f["apdus"], 106, args.turnaround_ms), airtime_ms(w, f["apdus"], 424, args.turnaround_ms)
        est106 += a
        est424 += b
        print(f"{f['file']:8} {f['bytes']:>7} {f['apdus']:>6} {f['ms']:>8.1f} {a:>9.0f} ms {b:>9.0f} ms")
    bac = airtime_ms(12 + 5 + 46 + 10 + 42, 3, 106, args.turnaround_ms)
    print(f"estimate incl. BAC ({bac:.0f} ms at 106): {est106 + bac:.0f} ms at 106 kbit/s, "
          f"{est424 + airtime_ms(115, 3, 424, args.turnaround_ms):.0f} ms at 424 kbit/s (+ verify on the desk)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
