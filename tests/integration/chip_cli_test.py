"""bhxh-desk chip readers / chip read on the real rig: a private pcscd with Debian's
vsmartcard-vpcd reader driver and the virtual CCCD (tests/lib/virtual_cccd.py) carrying LDS files
signed at test time by a test CSCA → Document Signer (tests/lib/lds_builder.py). Cases: a genuine
card; DG13 edited after signing; an SOD signed under a CSCA the office does not trust; an expired
Document Signer; a clone failing active authentication; the derived key refused and the typed
expiry accepted; the MRZ as the key; no CSCA configured; the card pulled out in the middle of DG2;
the reader gone (pcscd stopped) and back. A missing tool fails, naming its Debian package."""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from chip_rig import ChipRig  # noqa: E402
from lds_builder import CccdFiles, TestPki, tlv  # noqa: E402
from virtual_cccd import VirtualCccd  # noqa: E402

ARGS = None
QR = ["--id-number", "079190001234", "--birth", "17/05/1990", "--issue", "01/03/2021"]


class ChipCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="bhxh-chip-test-")
        cls.pki = TestPki()
        cls.csca_dir = os.path.join(cls.tmp, "csca")
        cls.pki.write_csca(cls.csca_dir)
        cls.config = cls.write_config("trusting", cls.csca_dir)
        cls.rig = ChipRig(os.path.join(cls.tmp, "rig"))
        cls.rig.start()

    @classmethod
    def tearDownClass(cls):
        cls.rig.close()

    @classmethod
    def write_config(cls, name, csca_dir):
        path = os.path.join(cls.tmp, name + ".toml")
        with open(path, "w") as f:
            f.write(f'[chip]\ncsca_dir = "{csca_dir}"\ncard_wait_s = 5\n')
        return path

    def desk(self, *args, config=None, timeout=90):
        p = subprocess.run([ARGS.app, "--config", config or self.config, "chip", *args], env=self.rig.client_env(),
                           capture_output=True, text=True, timeout=timeout)
        return p

    def wait_card_gone(self, timeout=10.0):
        """pcscd polls the reader: a card taken off shows after a moment. The next test's card
        must not meet a reader that still believes the last one is there."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            p = self.desk("readers", "--json")
            if p.returncode != 0:
                return  # no pcscd (the reader-gone case)
            readers = json.loads(p.stdout)["readers"]
            if not any(r["card"] for r in readers if r["name"] == self.rig.reader_name):
                return
            time.sleep(0.1)
        self.fail("the reader still shows a card 10 s after it was taken off")

    def read(self, files, *extra, card_kwargs=None, config=None, key=QR):
        card = VirtualCccd(files.files(), files.bac_input(), files.aa_key, **(card_kwargs or {}))
        card.insert(self.rig.port)
        try:
            p = self.desk("read", "--json", *key, *extra, config=config)
        finally:
            card.remove()
            self.wait_card_gone()
        try:
            out = json.loads(p.stdout)
        except json.JSONDecodeError:
            self.fail(f"no JSON (exit {p.returncode}): {p.stdout!r} {p.stderr!r}")
        return p.returncode, out

    def test_genuine_card(self):
        files = CccdFiles(self.pki)
        portrait = os.path.join(self.tmp, "portrait.jpg")
        code, out = self.read(files, "--portrait-out", portrait)
        self.assertEqual(code, 0, out)
        self.assertEqual(out["verdict"]["kind"], "genuine", out["verdict"])
        self.assertEqual(out["key"], "derived")
        self.assertEqual(out["active"]["outcome"], "passed")
        self.assertEqual(out["passive"]["hashes"], {"DG1": True, "DG2": True, "DG13": True, "DG15": True})
        self.assertEqual(out["fields"]["full_name"], "Nguyễn Văn An")
        self.assertEqual(out["fields"]["mother_name"], "Trần Thị Cúc")
        self.assertEqual(out["mrz"]["document_number"], "190001234")
        self.assertTrue(out["mrz"]["check_digits_ok"])
        self.assertEqual(len(out["verdict"]["ds_fingerprint"]), 64)
        self.assertGreater(out["timings_ms"]["total"], 0)
        self.assertEqual([f["file"] for f in out["files"]], ["EF.COM", "DG1", "DG2", "DG13", "DG15", "EF.SOD"])
        with open(portrait, "rb") as f:
            self.assertEqual(f.read(), files.jpeg)
        self.assertEqual(os.stat(portrait).st_mode & 0o777, 0o600)

    def test_readers_lists_the_virtual_reader_and_its_card(self):
        p = self.desk("readers", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        readers = json.loads(p.stdout)["readers"]
        self.assertIn(self.rig.reader_name, [r["name"] for r in readers])
        self.assertFalse(next(r for r in readers if r["name"] == self.rig.reader_name)["card"])

    def test_dg13_edited_after_signing(self):
        files = CccdFiles(self.pki)
        files.groups[13] = files.groups[13].replace("Nguyễn Văn An".encode(), "Nguyễn Văn Ân".encode())
        code, out = self.read(files)
        self.assertEqual(code, 1)
        self.assertEqual(out["verdict"]["kind"], "not_genuine")
        self.assertEqual(out["verdict"]["reason"], "hash_mismatch")
        self.assertFalse(out["passive"]["hashes"]["DG13"])
        self.assertTrue(out["passive"]["hashes"]["DG1"])

    def test_sod_signed_under_an_unknown_csca(self):
        files = CccdFiles(TestPki(name="Other CSCA"))
        code, out = self.read(files)
        self.assertEqual(code, 1)
        self.assertEqual(out["verdict"]["reason"], "unknown_signer", out["verdict"])

    def test_expired_document_signer(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        pki = TestPki(name="Old CSCA", ds_not_before=now - datetime.timedelta(days=900),
                      ds_not_after=now - datetime.timedelta(days=10))
        folder = os.path.join(self.tmp, "csca-old")
        pki.write_csca(folder)
        code, out = self.read(CccdFiles(pki), config=self.write_config("old", folder))
        self.assertEqual(code, 1)
        self.assertEqual(out["verdict"]["reason"], "expired_signer", out["verdict"])

    def test_expired_signer_valid_when_it_signed(self):
        # docs/chip.md "The Document Signer's validity": the SOD's signing time inside the DS
        # certificate's validity vouches for the card after the certificate expired; a signing
        # time after it does not.
        now = datetime.datetime.now(datetime.timezone.utc)
        pki = TestPki(name="Old CSCA", ds_not_before=now - datetime.timedelta(days=900),
                      ds_not_after=now - datetime.timedelta(days=10))
        folder = os.path.join(self.tmp, "csca-signed-at")
        pki.write_csca(folder)
        config = self.write_config("signed-at", folder)
        code, out = self.read(CccdFiles(pki, signing_time=now - datetime.timedelta(days=400)), config=config)
        self.assertEqual(code, 0, out)
        self.assertEqual(out["verdict"]["kind"], "genuine", out["verdict"])
        code, out = self.read(CccdFiles(pki, signing_time=now - datetime.timedelta(days=5)), config=config)
        self.assertEqual(code, 1)
        self.assertEqual(out["verdict"]["reason"], "expired_signer", out["verdict"])
        code, out = self.read(CccdFiles(pki, signing_time=now + datetime.timedelta(days=30)), config=config)
        self.assertEqual(code, 1)
        self.assertEqual(out["verdict"]["reason"], "expired_signer", out["verdict"])

    def test_clone_fails_active_authentication(self):
        code, out = self.read(CccdFiles(self.pki), card_kwargs={"clone": True})
        self.assertEqual(code, 1)
        self.assertEqual(out["active"]["outcome"], "failed")
        self.assertEqual(out["verdict"]["reason"], "active_auth_failed")

    def test_ecdsa_active_authentication(self):
        # An EC key in DG15 and DG14 naming ecdsa-plain-SHA256: the chip's r ‖ s is checked.
        files = CccdFiles(self.pki, aa="ecdsa")
        code, out = self.read(files)
        self.assertEqual(code, 0, out)
        self.assertEqual(out["verdict"]["kind"], "genuine", out["verdict"])
        self.assertEqual(out["active"]["outcome"], "passed", out["active"])
        self.assertEqual(out["passive"]["hashes"], {"DG1": True, "DG2": True, "DG13": True, "DG14": True, "DG15": True})
        self.assertEqual([f["file"] for f in out["files"]], ["EF.COM", "DG1", "DG2", "DG13", "DG14", "DG15", "EF.SOD"])

        code, out = self.read(CccdFiles(self.pki, aa="ecdsa"), card_kwargs={"clone": True})
        self.assertEqual(code, 1)
        self.assertEqual(out["active"]["outcome"], "failed", out["active"])
        self.assertEqual(out["verdict"]["reason"], "active_auth_failed")

    def test_clone_hiding_active_authentication_from_ef_com(self):
        # EF.COM is not signed: a copy leaves DG15 out of it. The SOD signs DG15, so it is read
        # and the challenge asked all the same; a chip without the file is refused too.
        for aa in ("rsa", "ecdsa"):
            files = CccdFiles(self.pki, aa=aa, hide_from_com=(14, 15))
            code, out = self.read(files, card_kwargs={"clone": True})
            self.assertEqual(code, 1, out)
            self.assertEqual(out["active"]["outcome"], "failed", (aa, out["active"]))
            self.assertEqual(out["verdict"]["reason"], "active_auth_failed", (aa, out["verdict"]))
        files = CccdFiles(self.pki, hide_from_com=(15,))
        on_chip = files.files()
        del on_chip[0x010F]
        card = VirtualCccd(on_chip, files.bac_input(), None)
        card.insert(self.rig.port)
        try:
            p = self.desk("read", "--json", *QR)
        finally:
            card.remove()
            self.wait_card_gone()
        out = json.loads(p.stdout)
        self.assertEqual(p.returncode, 1, out)
        self.assertEqual(out["verdict"]["kind"], "not_genuine", out["verdict"])
        self.assertEqual(out["verdict"]["reason"], "hash_mismatch", out["verdict"])
        self.assertIn("DG15", out["verdict"]["detail"])

    def test_derived_key_refused_then_typed_expiry_accepted(self):
        person = dict(CccdFiles(self.pki).person, expiry="02/01/2031", expiry_yymmdd="310102")
        files = CccdFiles(self.pki, person=person)
        code, out = self.read(files)
        self.assertEqual(code, 1)
        self.assertEqual(out["error"]["code"], "chip.bac_refused")
        self.assertIn("--expiry", out["error"]["message"])
        code, out = self.read(files, "--expiry", "02/01/2031")
        self.assertEqual(code, 0, out)
        self.assertEqual(out["key"], "typed")
        self.assertEqual(out["refused_keys"], 1)
        self.assertEqual(out["verdict"]["kind"], "genuine")

    def test_mrz_lines_as_the_key(self):
        files = CccdFiles(self.pki)
        mrz = files.groups[1][5:].decode()
        path = os.path.join(self.tmp, "mrz.txt")
        with open(path, "w") as f:
            f.write(mrz[:30] + "\n" + mrz[30:60] + "\n" + mrz[60:] + "\n")
        code, out = self.read(files, key=["--mrz", path])
        self.assertEqual(code, 0, out)
        self.assertEqual(out["key"], "mrz")

    def test_no_csca_configured_is_read_but_not_verified(self):
        code, out = self.read(CccdFiles(self.pki), config=self.write_config("none", ""))
        self.assertEqual(code, 0, out)
        self.assertEqual(out["verdict"]["kind"], "read_not_verified")

    def test_card_pulled_out_mid_dg2(self):
        code, out = self.read(CccdFiles(self.pki), card_kwargs={"pull_after_dg2_reads": 10})
        self.assertEqual(code, 1)
        self.assertFalse(out["ok"])
        self.assertEqual(out["error"]["code"], "chip.card_removed", out["error"])

    def test_zz_reader_gone_and_back(self):
        self.rig.stop()
        p = self.desk("readers", "--json")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(json.loads(p.stdout)["error"]["code"], "chip.no_pcscd")
        code_files = CccdFiles(self.pki)
        p = self.desk("read", "--json", *QR)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(json.loads(p.stdout)["error"]["code"], "chip.no_pcscd")
        self.rig.start()
        code, out = self.read(code_files)
        self.assertEqual(code, 0, out)
        self.assertEqual(out["verdict"]["kind"], "genuine")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ARGS, rest = ap.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])
