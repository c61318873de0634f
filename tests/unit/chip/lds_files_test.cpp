// EF.COM, DG2, DG13, DG14 and the LDS security object, built here byte by byte.
#include "chip/ber_tlv.h"
#include "chip/dg13.h"
#include "chip/dg14.h"
#include "chip/ef_com.h"
#include "chip/face_image.h"
#include "chip/hex.h"
#include "chip/lds_security_object.h"

#include <catch2/catch.hpp>

using namespace bhxh::chip;

namespace {
Bytes hex(const char* s) { return *Hex::decode(s); }
Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}
Bytes be(std::uint32_t v, int n) {
    Bytes out;
    for (int i = n - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    return out;
}
Bytes facialRecord(const Bytes& image, std::uint8_t dataType) {
    const Bytes faceInfo = cat({be(20 + 12 + static_cast<std::uint32_t>(image.size()), 4), be(0, 2), Bytes(14, 0)});
    const Bytes imageInfo = cat({Bytes{0x01, dataType}, be(480, 2), be(640, 2), Bytes(6, 0)});
    const Bytes body = cat({faceInfo, imageInfo, image});
    return cat({bytesOf(std::string("FAC\0", 4)), bytesOf(std::string("010\0", 4)),
                be(14 + static_cast<std::uint32_t>(body.size()), 4), be(1, 2), body});
}
Bytes dg2Of(const Bytes& record) {
    const Bytes tmpl = BerTlv::encode(0x7F60, cat({BerTlv::encode(0xA1, hex("8002 0101")), BerTlv::encode(0x5F2E, record)}));
    return BerTlv::encode(0x75, BerTlv::encode(0x7F61, cat({BerTlv::encode(0x02, hex("01")), tmpl})));
}
Bytes entry(int n, std::initializer_list<std::string> texts) {
    Bytes body = BerTlv::encode(0x02, Bytes{static_cast<std::uint8_t>(n)});
    if (texts.size() == 1) {
        body = cat({body, BerTlv::encode(0x0C, bytesOf(*texts.begin()))});
    } else {
        Bytes inner;
        for (const auto& t : texts) inner = cat({inner, BerTlv::encode(0x0C, bytesOf(t))});
        body = cat({body, BerTlv::encode(0x30, inner)});
    }
    return BerTlv::encode(0x30, body);
}
} // namespace

TEST_CASE("EF.COM lists the data groups", "[chip][lds]") {
    auto com = EfComParser::parse(hex("60 16 5f01 04 30313037 5f36 06 303430303030 5c 04 61756d6f"));
    REQUIRE(com.ok());
    CHECK(com->ldsVersion == "0107");
    CHECK(com->unicodeVersion == "040000");
    CHECK(com->dataGroups == std::vector<int>{1, 2, 13, 15});
    CHECK(EfComParser::parse(hex("60 03 5c 01 99")).error().message == "EF.COM lists an unknown data-group tag");
    CHECK(EfComParser::parse(hex("60 00")).error().message == "EF.COM holds no data-group list (tag 5C)");
    CHECK(EfComParser::parse(hex("61 00")).error().code == "chip.bad_ef_com");
}

TEST_CASE("DG2 yields the JPEG portrait", "[chip][lds][dg2]") {
    const Bytes jpeg = cat({hex("ffd8ffe0"), Bytes(100, 0x11), hex("ffd9")});
    auto face = FaceImageParser::parseDg2(dg2Of(facialRecord(jpeg, 0)));
    REQUIRE(face.ok());
    CHECK(face->format == FaceImageFormat::Jpeg);
    CHECK(face->width == 480);
    CHECK(face->height == 640);
    CHECK(face->data == jpeg);
    const Bytes jp2 = cat({hex("0000000c6a5020200d0a870a"), Bytes(50, 0x22)});
    auto face2 = FaceImageParser::parseDg2(dg2Of(facialRecord(jp2, 1)));
    REQUIRE(face2.ok());
    CHECK(face2->format == FaceImageFormat::Jpeg2000);
}

TEST_CASE("DG2 with a lying header is refused", "[chip][lds][dg2]") {
    const Bytes jpeg = cat({hex("ffd8ffe0"), Bytes(10, 0x11)});
    CHECK(FaceImageParser::parseDg2(dg2Of(facialRecord(jpeg, 1))).error().message ==
          "the portrait is neither a JPEG nor a JPEG 2000 image as its header says");
    Bytes record = facialRecord(jpeg, 0);
    record[11] = 0xFF; // record length beyond the data
    CHECK(FaceImageParser::parseDg2(dg2Of(record)).error().message == "the facial record's length is wrong");
    Bytes record2 = facialRecord(jpeg, 0);
    record2[14 + 4] = 0x7F; // 0x7Fxx feature points
    CHECK(FaceImageParser::parseDg2(dg2Of(record2)).error().message == "the face block is shorter than its headers");
    CHECK(FaceImageParser::parseDg2(hex("75 00")).error().message == "DG2 holds no biometric information group (7F61)");
}

TEST_CASE("DG13 yields the Vietnamese fields", "[chip][lds][dg13]") {
    const Bytes entries = cat({entry(1, {"079190001234"}), entry(2, {"Nguyễn Văn An"}), entry(3, {"17/05/1990"}),
                               entry(4, {"Nam"}), entry(9, {"12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"}),
                               entry(11, {"01/03/2021"}), entry(12, {"17/05/2030"}),
                               entry(13, {"Nguyễn Văn Bình", "Trần Thị Cúc"}), entry(16, {"025123456"}),
                               entry(15, {"x", "y"})});
    const Bytes dg13 = BerTlv::encode(0x6D, BerTlv::encode(0x30, cat({BerTlv::encode(0x06, hex("2b06")), entries})));
    auto d = Dg13Parser::parse(dg13);
    REQUIRE(d.ok());
    CHECK(d->idNumber == "079190001234");
    CHECK(d->fullName == "Nguyễn Văn An");
    CHECK(d->birthDate == "17/05/1990");
    CHECK(d->gender == "Nam");
    CHECK(d->issueDate == "01/03/2021");
    CHECK(d->expiryDate == "17/05/2030");
    CHECK(d->fatherName == "Nguyễn Văn Bình");
    CHECK(d->motherName == "Trần Thị Cúc");
    CHECK(d->oldIdNumber == "025123456");
    CHECK(d->other.at(15) == "x; y");
    // Decomposed text comes out NFC.
    auto nfd = Dg13Parser::parse(BerTlv::encode(0x6D, entry(2, {"Nguye\xCC\x82\xCC\x83n"})));
    REQUIRE(nfd.ok());
    CHECK(nfd->fullName == "Nguyễn");
}

TEST_CASE("DG13 refuses bad text, deep nesting and emptiness", "[chip][lds][dg13]") {
    CHECK(Dg13Parser::parse(BerTlv::encode(0x6D, entry(2, {"\xC3"}))).error().message == "a DG13 text is not valid UTF-8");
    CHECK(Dg13Parser::parse(BerTlv::encode(0x6D, entry(2, {"a\nb"}))).error().message ==
          "a DG13 text holds a control character");
    Bytes deep = entry(1, {"1"});
    for (int i = 0; i < 6; ++i) deep = BerTlv::encode(0x30, deep);
    CHECK(Dg13Parser::parse(BerTlv::encode(0x6D, deep)).error().message == "DG13 nests deeper than 4 levels");
    CHECK(Dg13Parser::parse(hex("6d 00")).error().message == "DG13 holds no entry");
    CHECK(Dg13Parser::parse(hex("6e 00")).error().message == "DG13 does not start with tag 6D");
}

TEST_CASE("the LDS security object gives the hash algorithm and one hash per group", "[chip][lds][sod]") {
    const Bytes alg = BerTlv::encode(0x30, BerTlv::encode(0x06, hex("608648016503040201")));
    const Bytes h1 = BerTlv::encode(0x30, cat({BerTlv::encode(0x02, hex("01")), BerTlv::encode(0x04, Bytes(32, 0xA1))}));
    const Bytes h13 = BerTlv::encode(0x30, cat({BerTlv::encode(0x02, hex("0d")), BerTlv::encode(0x04, Bytes(32, 0xD1))}));
    const Bytes lso = BerTlv::encode(0x30, cat({BerTlv::encode(0x02, hex("00")), alg, BerTlv::encode(0x30, cat({h1, h13}))}));
    auto sod = LdsSecurityObjectParser::parse(lso);
    REQUIRE(sod.ok());
    CHECK(sod->version == 0);
    CHECK(sod->hashAlgorithmOid == "2.16.840.1.101.3.4.2.1");
    CHECK(sod->hashAlgorithmName == "sha256");
    CHECK(sod->dataGroupHashes.size() == 2);
    CHECK(sod->dataGroupHashes.at(13) == Bytes(32, 0xD1));
    const Bytes twice = BerTlv::encode(0x30, cat({BerTlv::encode(0x02, hex("00")), alg, BerTlv::encode(0x30, cat({h1, h1}))}));
    CHECK(LdsSecurityObjectParser::parse(twice).error().message == "a data group hashed twice");
    CHECK(LdsSecurityObjectParser::oidText(hex("2b0e03021a")).value() == "1.3.14.3.2.26");
    CHECK(LdsSecurityObjectParser::oidText(hex("678108010101")).value() == "2.23.136.1.1.1");
    CHECK_FALSE(LdsSecurityObjectParser::oidText(hex("2b80")).ok());
}

TEST_CASE("DG14 names the hash of ECDSA active authentication", "[chip][lds][dg14]") {
    // Chip authentication (0.4.0.127.0.7.2.2.3.2.1, read past), then ActiveAuthenticationInfo:
    // id-AA 2.23.136.1.1.5, version 1, ecdsa-plain-SHA256 (BSI TR-03111 0.4.0.127.0.7.1.1.4.1.3).
    const Bytes ca = BerTlv::encode(0x30, hex("060A04007F00070202030201 020101"));
    const auto aaInfo = [](const char* versionAndAlgorithm) {
        return BerTlv::encode(0x30, cat({hex("0606678108010105"), hex(versionAndAlgorithm)}));
    };
    const Bytes aa = aaInfo("020101 060A04007F0007010104 0103");
    const auto dg14Of = [](const Bytes& infos) { return BerTlv::encode(0x6E, BerTlv::encode(0x31, infos)); };

    auto d = Dg14Parser::parse(dg14Of(cat({ca, aa})));
    REQUIRE(d.ok());
    CHECK(d->activeAuthSignatureOid == "0.4.0.127.0.7.1.1.4.1.3");
    CHECK(d->activeAuthHashName == "sha256");
    CHECK(Dg14Parser::ecdsaPlainHashName("0.4.0.127.0.7.1.1.4.1.1") == "sha1");
    CHECK(Dg14Parser::ecdsaPlainHashName("0.4.0.127.0.7.1.1.4.1.5") == "sha512");
    CHECK(Dg14Parser::ecdsaPlainHashName("0.4.0.127.0.7.1.1.4.1.6") == "ripemd160");
    CHECK(Dg14Parser::ecdsaPlainHashName("0.4.0.127.0.7.1.1.4.1.7").empty());
    CHECK(Dg14Parser::ecdsaPlainHashName("0.4.0.127.0.7.1.1.4.1.13").empty());

    auto noAa = Dg14Parser::parse(dg14Of(ca));  // RSA chips often have no DG14 at all, or none for AA
    REQUIRE(noAa.ok());
    CHECK(noAa->activeAuthSignatureOid.empty());
    CHECK(noAa->activeAuthHashName.empty());

    CHECK_FALSE(Dg14Parser::parse(BerTlv::encode(0x6F, BerTlv::encode(0x31, aa))).ok());         // not DG14
    CHECK_FALSE(Dg14Parser::parse(dg14Of(cat({aa, aa}))).ok());                                   // two of them
    CHECK_FALSE(Dg14Parser::parse(dg14Of(aaInfo("020102 060A04007F0007010104 0103"))).ok());      // version 2
    CHECK_FALSE(Dg14Parser::parse(dg14Of(aaInfo("020101"))).ok());                                // no algorithm
    CHECK_FALSE(Dg14Parser::parse(BerTlv::encode(0x6E, BerTlv::encode(0x30, aa))).ok());         // not a SET
    Bytes cut = dg14Of(cat({ca, aa}));
    cut.resize(cut.size() - 3);
    CHECK_FALSE(Dg14Parser::parse(cut).ok());
}
