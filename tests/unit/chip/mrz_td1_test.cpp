#include "chip/ber_tlv.h"
#include "chip/check_digit.h"
#include "chip/mrz_td1.h"

#include <catch2/catch.hpp>

using namespace bhxh::chip;

namespace {
// ICAO 9303-5's TD1 specimen (Utopia, Anna Maria Eriksson).
const char* kSpecimen =
    "I<UTOD231458907<<<<<<<<<<<<<<<\n"
    "7408122F1204159UTO<<<<<<<<<<<6\n"
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\n";
} // namespace

TEST_CASE("check digits follow ICAO 9303-3", "[chip][mrz]") {
    CHECK(CheckDigit::of("D23145890") == 7);
    CHECK(CheckDigit::of("740812") == 2);
    CHECK(CheckDigit::of("120415") == 9);
    CHECK(CheckDigit::of("L898902C<") == 3);
    CHECK(CheckDigit::of("520727") == 3);
    CHECK_FALSE(CheckDigit::of("ab").has_value());
}

TEST_CASE("the ICAO TD1 specimen parses with every check digit right", "[chip][mrz]") {
    auto m = MrzTd1Parser::parse(kSpecimen);
    REQUIRE(m.ok());
    CHECK(m->documentCode == "I");
    CHECK(m->issuingState == "UTO");
    CHECK(m->documentNumber == "D23145890");
    CHECK(m->birthDate == "740812");
    CHECK(m->sex == 'F');
    CHECK(m->expiryDate == "120415");
    CHECK(m->nationality == "UTO");
    CHECK(m->primaryName == "ERIKSSON");
    CHECK(m->secondaryName == "ANNA MARIA");
    CHECK(m->checksOk());
}

TEST_CASE("a wrong check digit is reported on its own field", "[chip][mrz]") {
    std::string bad = kSpecimen;
    bad[14] = '8'; // document number check
    auto m = MrzTd1Parser::parse(bad);
    REQUIRE(m.ok());
    CHECK_FALSE(m->documentNumberCheckOk);
    CHECK(m->birthDateCheckOk);
    CHECK_FALSE(m->compositeCheckOk);
    std::string bad2 = kSpecimen;
    bad2[31 + 29] = '1'; // composite
    auto m2 = MrzTd1Parser::parse(bad2);
    REQUIRE(m2.ok());
    CHECK(m2->documentNumberCheckOk);
    CHECK_FALSE(m2->compositeCheckOk);
}

TEST_CASE("MRZ text is refused with a reason", "[chip][mrz]") {
    CHECK(MrzTd1Parser::parse("I<UTO").error().message == "a TD1 MRZ has 90 characters (3 lines of 30); got 5");
    std::string lower = kSpecimen;
    lower[0] = 'i';
    CHECK(MrzTd1Parser::parse(lower).error().message == "MRZ character 1 is not 0-9, A-Z or '<'");
    CHECK(MrzTd1Parser::parse(std::string(600, '<')).error().code == "chip.bad_mrz");
}

TEST_CASE("DG1 wraps the MRZ in 61 / 5F1F", "[chip][mrz]") {
    std::string mrz;
    for (char c : std::string(kSpecimen))
        if (c != '\n') mrz.push_back(c);
    const Bytes inner = BerTlv::encode(0x5F1F, bytesOf(mrz));
    auto m = MrzTd1Parser::parseDg1(BerTlv::encode(0x61, inner));
    REQUIRE(m.ok());
    CHECK(m->documentNumber == "D23145890");
    CHECK(MrzTd1Parser::parseDg1(BerTlv::encode(0x62, inner)).error().message == "DG1 does not start with tag 61");
    CHECK(MrzTd1Parser::parseDg1(BerTlv::encode(0x61, BerTlv::encode(0x5F1E, bytesOf(mrz)))).error().message ==
          "DG1 holds no MRZ (tag 5F1F)");
}
