"""The CCCD chip at the desk, end to end: the real bhxh-desk window under Xvfb, the reference
portal, a private pcscd with Debian's vsmartcard-vpcd reader driver (tests/lib/chip_rig.py) and
a virtual CCCD (tests/lib/virtual_cccd.py) carrying the demo citizen's data and portrait, signed by
a test CSCA that the desk's `[chip] csca_dir` trusts.

  - a genuine card: the QR is scanned from the camera video, the desk says "place the card on the
    reader", the card is placed, the desk shows "chip genuine", the chip column beside the
    declaration and the QR, and the chip face pairs; F8 approves; the decision's evidence and the
    audit entry hold the verdict and the Document Signer's fingerprint, never the chip's data;
  - a card whose DG13 was edited after signing: "not genuine", and F8 asks for a second officer
    (four-eyes on), nothing is recorded.

A missing pcscd, vsmartcard-vpcd or python3-cryptography fails the test, naming the package."""
import datetime
import hashlib
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from desk_e2e import DeskE2E, main  # noqa: E402
from sinks import wait_for  # noqa: E402

try:
    from chip_person import person_of, small_jpeg  # noqa: E402
    from chip_rig import ChipRig  # noqa: E402
    from lds_builder import CccdFiles, TestPki  # noqa: E402
    from virtual_cccd import VirtualCccd  # noqa: E402
except ImportError as e:  # the rig's Python parts come from Debian
    raise SystemExit(f"FAIL: {e}: install the Debian packages python3-cryptography and python3-asn1crypto")

class ChipTest(DeskE2E):
    def setUp(self):
        super().setUp()
        self.rig = ChipRig(os.path.join(self.tmp, "rig"))
        self.rig.start()
        self.addCleanup(self.rig.close)
        # The desk (started later) reaches the private pcscd through its socket.
        os.environ["PCSCLITE_CSOCK_NAME"] = self.rig.socket_path
        self.pki = TestPki()
        self.csca_dir = os.path.join(self.tmp, "csca")
        self.pki.write_csca(self.csca_dir)
        self.card = None

    def tearDown(self):
        if self.card:
            self.card.remove()

    def pick_with_chip(self):
        """A suitable citizen whose card has an expiry (issued before 58) and a cached portrait."""
        lines = {x["dossier_no"]: x for x in self.portal.print_qr(40)}
        skip = []
        while True:
            d = self.pick(skip=tuple(skip))
            person = person_of(lines[d["dossier_no"]])
            if person:
                return d, lines[d["dossier_no"]], person
            skip.append(d["dossier_no"])

    def place_card(self, d, person, tamper=False):
        """Builds the citizen's card with the portrait the desk holds for them and places it."""
        path = wait_for(lambda: (self.local("SELECT local_path FROM declaration_files WHERE dossier_no = ? "
                                            "AND kind = 'portrait' AND local_path IS NOT NULL", d["dossier_no"])
                                 or [[None]])[0][0], 60, "the portrait to be cached")
        jpeg = small_jpeg(path, self.tmp)
        files = CccdFiles(self.pki, person=person, jpeg=jpeg)
        if tamper:
            # One letter of the father's name changed after signing, its length kept (ì and í are
            # two bytes each): the data group still reads, its hash no longer matches the SOD.
            before, after = "Nguyễn Văn Bình".encode(), "Nguyễn Văn Bính".encode()
            self.assertIn(before, files.groups[13])
            files.groups[13] = files.groups[13].replace(before, after)
        self.card = VirtualCccd(files.files(), files.bac_input(), files.aa_key)
        self.card.insert(self.rig.port)
        return files

    def start_chip_desk(self, d, name):
        extra = f'[chip]\nenabled = true\ncsca_dir = "{self.csca_dir}"\n'
        self.start_desk(self.camera_video(d["dossier_no"], "cccd"), name, extra=extra)

    def wait_read(self, name):
        """Waits, without OCR (tesseract takes both cores of a loaded machine from the card's
        thread), until the card has answered the whole read: its APDU count stops growing. Then
        one screenshot, a few seconds later for the face check."""
        deadline = time.monotonic() + 240
        last, still = -1, 0
        while time.monotonic() < deadline:
            time.sleep(1)
            n = len(self.card.apdu_log)
            still = still + 1 if n == last else 0
            last = n
            if n > 60 and still >= 6:
                break
        print(f"the card answered {last} APDUs", file=sys.stderr)
        self.assertFalse(self.card.errors, self.card.errors)
        time.sleep(6)
        return self.desk.screenshot(name)

    def test_a_genuine_chip_joins_the_checks_and_f8_approves(self):
        d, line, person = self.pick_with_chip()
        self.start_chip_desk(d, "70-chip")
        self.wait_opened(d["dossier_no"])
        time.sleep(2)
        shot = self.desk.screenshot("70-chip-place-card")
        self.assert_screen_says(shot, "đặt thẻ lên đầu đọc")
        self.place_card(d, person)
        # Reading (≈ 100 APDUs over vpcd's TCP link), then the chip face pairs.
        shot = self.wait_read("71-chip-genuine")
        self.assert_screen_says(shot, "chip thật", "Trong chip", "Ảnh trong chip")
        self.assertFalse(self.card.errors, self.card.errors)
        self.approve(d["dossier_no"])
        self.desk.screenshot("72-chip-approved")
        rows = self.local("SELECT outcome, json_extract(checks_json, '$.chip.verdict'), "
                          "json_extract(checks_json, '$.chip.ds_fingerprint'), "
                          "json_extract(checks_json, '$.chip.face_evidence') FROM decisions WHERE dossier_no = ?",
                          d["dossier_no"])
        self.assertEqual(len(rows), 1)
        outcome, verdict, fingerprint, face = rows[0]
        self.assertEqual((outcome, verdict), ("approved", "genuine"))
        from cryptography.hazmat.primitives import serialization
        expected = hashlib.sha256(self.pki.ds_cert.public_bytes(serialization.Encoding.DER)).hexdigest()
        self.assertEqual(fingerprint.lower(), expected)
        self.assertIn("chip-portrait", face)
        audit = self.local("SELECT detail FROM audit_log WHERE subject = ? AND kind = 'decision'", d["dossier_no"])
        self.assertIn("chip=genuine ds=" + expected, audit[0][0].lower())
        # Never the chip's data in the decision or the logs.
        checks = self.local("SELECT checks_json FROM decisions WHERE dossier_no = ?", d["dossier_no"])[0][0]
        self.assertNotIn(person["residence"], checks)
        self.assertNotIn(person["id"], self.desk.output() + self.desk.logs())
        self.assertEqual(self.desk.stop(), 0)

    def test_a_chip_edited_after_signing_is_not_genuine_and_needs_a_second_officer(self):
        d, line, person = self.pick_with_chip()
        # Four-eyes on at this office: "not genuine" asks for a second officer (off, it refuses).
        self.config_four_eyes = True
        self.start_chip_desk(d, "73-chip-edited")
        self.wait_opened(d["dossier_no"])
        self.place_card(d, person, tamper=True)
        shot = self.wait_read("73-chip-not-genuine")
        self.assert_screen_says(shot, "KHÔNG phải chip thật", "dữ liệu bị sửa sau khi ký")
        self.desk.key("F8")
        time.sleep(1.5)
        shot = self.desk.screenshot("74-chip-second-officer")
        self.assert_screen_says(shot, "Xác nhận của cán bộ thứ hai")
        self.desk.key("Escape")
        self.assertEqual(self.local("SELECT id FROM decisions WHERE dossier_no = ?", d["dossier_no"]), [])
        self.assertEqual(self.desk.stop(), 0)

    def test_a_refused_derived_key_takes_the_printed_expiry_typed_at_the_keyboard(self):
        """A card renewed on another date than the QR lets the desk derive: the chip refuses the
        derived key, the desk asks for the expiry printed on the card with the cursor already in
        its field, the clerk types it (dd/mm/yyyy) and Enter, and the chip is read and genuine."""
        d, line, person = self.pick_with_chip()
        derived = datetime.datetime.strptime(person["expiry"], "%d/%m/%Y").date()
        printed = derived.replace(year=derived.year + 1, day=min(derived.day, 28))
        person = dict(person, expiry=printed.strftime("%d/%m/%Y"), expiry_yymmdd=printed.strftime("%y%m%d"))
        self.start_chip_desk(d, "75-chip-typed-expiry")
        self.wait_opened(d["dossier_no"])
        self.place_card(d, person)
        # The derived key is refused after one BAC attempt; the desk then asks (OCR once the card
        # has gone quiet, not in a loop: see wait_read).
        wait_for(lambda: len(self.card.apdu_log) >= 2, 120, "the desk to try the derived key")
        time.sleep(4)
        shot = self.desk.screenshot("75-chip-key-refused")
        self.assert_screen_says(shot, "nhập ngày hết hạn in trên thẻ")
        self.desk.key("F4")
        self.desk.type_text(person["expiry"])
        self.desk.key("Return")
        shot = self.wait_read("76-chip-read-with-typed-expiry")
        self.assert_screen_says(shot, "chip thật")
        self.assertFalse(self.card.errors, self.card.errors)
        self.assertEqual(self.desk.stop(), 0)

    def config(self, video, extra="", scan=""):
        text = super().config(video, extra, scan)
        if getattr(self, "config_four_eyes", False):
            text = text.replace("four_eyes = false", "four_eyes = true")
        return text


if __name__ == "__main__":
    main()
