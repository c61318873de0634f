"""Builds a CCCD chip's LDS files for the tests (ICAO 9303-10): EF.COM, DG1 (TD1 MRZ), DG2 (ISO
19794-5 face record around a JPEG), DG13 (the Vietnamese data group), DG14 (ActiveAuthenticationInfo,
for an ECDSA key), DG15 (active-authentication public key, RSA or EC) and EF.SOD (CMS SignedData over the LDS security object), signed by a test Document
Signer under a test CSCA. Everything is generated at test time into a temp folder: no key or
generated file is kept in git. Needs Debian's python3-cryptography and python3-asn1crypto."""
import datetime
import hashlib
import os

try:
    from asn1crypto import algos, cms, core, x509 as a1x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.x509.oid import NameOID
except ImportError as e:  # a missing tool fails, naming the package
    raise SystemExit(f"FAIL: {e}: install the Debian packages python3-cryptography and python3-asn1crypto")


def tlv(tag, value):
    tb = tag.to_bytes((tag.bit_length() + 7) // 8, "big")
    n = len(value)
    if n < 0x80:
        ln = bytes([n])
    else:
        lb = n.to_bytes((n.bit_length() + 7) // 8, "big")
        ln = bytes([0x80 | len(lb)]) + lb
    return tb + ln + value


def check_digit(text):
    total = 0
    for i, c in enumerate(text):
        v = int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0)
        total += v * (7, 3, 1)[i % 3]
    return str(total % 10)


def td1_mrz(id_number, birth_yymmdd, expiry_yymmdd, sex, surname, given):
    """The CCCD's 3 × 30 MRZ: document number = last 9 digits, full ID in optional data."""
    doc = id_number[3:]
    l1 = ("IDVNM" + doc + check_digit(doc) + id_number).ljust(30, "<")[:30]
    l2 = birth_yymmdd + check_digit(birth_yymmdd) + sex + expiry_yymmdd + check_digit(expiry_yymmdd) + "VNM"
    l2 = l2.ljust(29, "<")
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    l3 = (surname + "<<" + given.replace(" ", "<")).ljust(30, "<")[:30]
    return l1 + l2 + l3


def face_record(jpeg):
    info = (20 + 12 + len(jpeg)).to_bytes(4, "big") + b"\0\0" + bytes(14)
    image_info = b"\x01\x00" + (480).to_bytes(2, "big") + (640).to_bytes(2, "big") + bytes(6)
    body = info + image_info + jpeg
    return b"FAC\0" + b"010\0" + (14 + len(body)).to_bytes(4, "big") + b"\0\x01" + body


def dg13_entry(n, *texts):
    body = tlv(0x02, bytes([n]))
    if len(texts) == 1:
        body += tlv(0x0C, texts[0].encode())
    else:
        body += tlv(0x30, b"".join(tlv(0x0C, t.encode()) for t in texts))
    return tlv(0x30, body)


class TestPki:
    """A test CSCA and Document Signer (EC P-256: quick to generate)."""

    def __init__(self, name="Test CSCA VN", ds_not_after=None, ds_not_before=None):
        now = datetime.datetime.now(datetime.timezone.utc)
        self.csca_key = ec.generate_private_key(ec.SECP256R1())
        cname = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, name)])
        self.csca_cert = (x509.CertificateBuilder().subject_name(cname).issuer_name(cname)
                          .public_key(self.csca_key.public_key()).serial_number(x509.random_serial_number())
                          .not_valid_before(now - datetime.timedelta(days=3650))
                          .not_valid_after(now + datetime.timedelta(days=3650))
                          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
                          .sign(self.csca_key, hashes.SHA256()))
        self.ds_key = ec.generate_private_key(ec.SECP256R1())
        dname = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, name + " DS")])
        self.ds_cert = (x509.CertificateBuilder().subject_name(dname).issuer_name(cname)
                        .public_key(self.ds_key.public_key()).serial_number(x509.random_serial_number())
                        .not_valid_before(ds_not_before or now - datetime.timedelta(days=30))
                        .not_valid_after(ds_not_after or now + datetime.timedelta(days=3650))
                        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
                        .sign(self.csca_key, hashes.SHA256()))

    def write_csca(self, folder):
        os.makedirs(folder, mode=0o700, exist_ok=True)
        path = os.path.join(folder, "csca.pem")
        with open(path, "wb") as f:
            f.write(self.csca_cert.public_bytes(serialization.Encoding.PEM))
        return path


def build_sod(pki, groups, signing_time=None):
    """EF.SOD: 77 → ContentInfo(SignedData) over the LDSSecurityObject of SHA-256 hashes."""
    # The LDSSecurityObject by hand (asn1crypto has no LDS type).
    hashes_der = b"".join(tlv(0x30, tlv(0x02, bytes([n])) + tlv(0x04, hashlib.sha256(data).digest()))
                          for n, data in sorted(groups.items()))
    alg = tlv(0x30, tlv(0x06, bytes.fromhex("608648016503040201")))
    lds_so = tlv(0x30, tlv(0x02, b"\0") + alg + tlv(0x30, hashes_der))
    signed_attrs = cms.CMSAttributes([
        cms.CMSAttribute({"type": "content_type", "values": ["2.23.136.1.1.1"]}),
        cms.CMSAttribute({"type": "message_digest", "values": [hashlib.sha256(lds_so).digest()]}),
    ] + ([cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": signing_time})]})]
         if signing_time else []))
    signature = pki.ds_key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
    ds_asn1 = a1x509.Certificate.load(pki.ds_cert.public_bytes(serialization.Encoding.DER))
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber({
            "issuer": ds_asn1.issuer, "serial_number": ds_asn1.serial_number})}),
        "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
        "signed_attrs": signed_attrs,
        "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
        "signature": signature,
    })
    signed = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
        "encap_content_info": {"content_type": "2.23.136.1.1.1", "content": core.ParsableOctetString(lds_so)},
        "certificates": [ds_asn1],
        "signer_infos": [signer],
    })
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed})
    return tlv(0x77, info.dump())


class CccdFiles:
    """The files of one test card, by file id, and the person behind them."""

    # ICAO 9303-11 id-AA and BSI TR-03111 ecdsa-plain-SHA256, as DER OBJECT IDENTIFIERs.
    ID_AA = bytes.fromhex("0606678108010105")
    ECDSA_PLAIN_SHA256 = bytes.fromhex("060A04007F00070101040103")

    def __init__(self, pki, person=None, jpeg=None, with_aa=True, jpeg_size=12000, signing_time=None,
                 aa="rsa", hide_from_com=()):
        """aa: "rsa" (ISO 9796-2) or "ecdsa" (brainpoolP256r1, with DG14 naming SHA-256);
        hide_from_com: data groups left out of EF.COM (but signed in the SOD and on the chip), as
        a copy of a card would hide its active authentication."""
        self.person = person or {
            "id": "079190001234", "name": "Nguyễn Văn An", "surname": "NGUYEN", "given": "VAN AN",
            "birth": "17/05/1990", "birth_yymmdd": "900517", "expiry": "17/05/2030", "expiry_yymmdd": "300517",
            "issue": "01/03/2021", "sex": "M", "gender": "Nam",
            "residence": "12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
            "origin": "Xã Hòa Bình, Huyện Chợ Gạo, Tiền Giang", "father": "Nguyễn Văn Bình",
            "mother": "Trần Thị Cúc", "old_id": "025123456",
        }
        p = self.person
        if not with_aa:
            self.aa_key = None
        elif aa == "ecdsa":
            self.aa_key = ec.generate_private_key(ec.BrainpoolP256R1())
        else:
            self.aa_key = rsa.generate_private_key(65537, 1024)
        if jpeg is None:  # a JPEG-shaped body; the chip tests check bytes, not pixels
            jpeg = b"\xff\xd8\xff\xe0" + hashlib.sha256(p["id"].encode()).digest() * (jpeg_size // 32) + b"\xff\xd9"
        self.jpeg = jpeg
        mrz = td1_mrz(p["id"], p["birth_yymmdd"], p["expiry_yymmdd"], p["sex"], p["surname"], p["given"])
        self.groups = {
            1: tlv(0x61, tlv(0x5F1F, mrz.encode())),
            2: tlv(0x75, tlv(0x7F61, tlv(0x02, b"\x01") + tlv(0x7F60, tlv(0xA1, b"\x80\x02\x01\x01") +
                                                              tlv(0x5F2E, face_record(jpeg))))),
            13: tlv(0x6D, tlv(0x30, tlv(0x06, bytes.fromhex("2b06")) + b"".join([
                dg13_entry(1, p["id"]), dg13_entry(2, p["name"]), dg13_entry(3, p["birth"]), dg13_entry(4, p["gender"]),
                dg13_entry(5, "Việt Nam"), dg13_entry(6, "Kinh"), dg13_entry(7, "Không"), dg13_entry(8, p["origin"]),
                dg13_entry(9, p["residence"]), dg13_entry(10, "Nốt ruồi C:1cm trên trước mép phải"),
                dg13_entry(11, p["issue"]), dg13_entry(12, p["expiry"]), dg13_entry(13, p["father"], p["mother"]),
                dg13_entry(16, p["old_id"])]))),
        }
        if self.aa_key:
            spki = self.aa_key.public_key().public_bytes(serialization.Encoding.DER,
                                                         serialization.PublicFormat.SubjectPublicKeyInfo)
            self.groups[15] = tlv(0x6F, spki)
            if aa == "ecdsa":
                info = tlv(0x30, self.ID_AA + tlv(0x02, b"\x01") + self.ECDSA_PLAIN_SHA256)
                self.groups[14] = tlv(0x6E, tlv(0x31, info))
        self.sod = build_sod(pki, self.groups, signing_time)
        tags = bytes([{1: 0x61, 2: 0x75, 13: 0x6D, 14: 0x6E, 15: 0x6F}[n] for n in sorted(self.groups)
                      if n not in hide_from_com])
        self.com = tlv(0x60, tlv(0x5F01, b"0107") + tlv(0x5F36, b"040000") + tlv(0x5C, tags))

    def files(self):
        out = {0x011E: self.com, 0x011D: self.sod}
        for n, data in self.groups.items():
            out[0x0100 + n] = data
        return out

    def bac_input(self):
        p = self.person
        return p["id"][3:], p["birth_yymmdd"], p["expiry_yymmdd"]
