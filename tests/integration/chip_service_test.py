"""Runs test_chip_service (app/chip_service.h) against the real rig: a private pcscd with
vsmartcard-vpcd and the virtual CCCD placed on its reader (tests/lib)."""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from chip_rig import ChipRig  # noqa: E402
from lds_builder import CccdFiles, TestPki  # noqa: E402
from virtual_cccd import VirtualCccd  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--test", required=True)
    args = ap.parse_args()
    files = CccdFiles(TestPki())
    with ChipRig() as rig:
        card = VirtualCccd(files.files(), files.bac_input(), files.aa_key)
        card.insert(rig.port)
        try:
            p = subprocess.run([args.test], env=rig.client_env(), timeout=240)
        finally:
            card.remove()
        if card.errors:
            print(f"FAIL: the virtual card hit errors: {card.errors}", file=sys.stderr)
            return 1
        return p.returncode


if __name__ == "__main__":
    sys.exit(main())
