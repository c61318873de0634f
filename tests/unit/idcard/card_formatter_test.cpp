#include "fixtures.h"
#include "idcard/card_formatter.h"
#include "idcard/card_parser.h"

#include <catch2/catch.hpp>

using namespace bhxh::idcard;
using bhxh::CalendarDate;
using idcard_test::today;

namespace {

CalendarDate date(int y, int m, int d) { return *CalendarDate::make(y, m, d); }

ParsedCard parsed(const std::string& payload) {
    auto r = parseCard(payload, today());
    REQUIRE(r.ok());
    return *r;
}

} // namespace

TEST_CASE("formatting a parsed card gives back the payload", "[idcard][format]") {
    CHECK(formatCccd(*parsed(idcard_test::kCccd7).cccd).value() == idcard_test::kCccd7);
    CHECK(formatCccd(*parsed(idcard_test::kCccd11).cccd).value() == idcard_test::kCccd11);
    CHECK(formatBhyt(*parsed(idcard_test::kBhytNew).bhyt).value() == idcard_test::kBhytNew);
    // The old sample has a leading space in field 12; the formatter writes the canonical form.
    std::string oldCanonical = idcard_test::kBhytOld;
    oldCanonical.replace(oldCanonical.find("| 01/01/2030"), 12, "|01/01/2030");
    CHECK(formatBhyt(*parsed(idcard_test::kBhytOld).bhyt).value() == oldCanonical);
}

TEST_CASE("a built CCCD record round-trips through format and parse", "[idcard][format]") {
    CccdCard c;
    c.idNumber = "048301009876";
    c.fullName = "L\u00EA Th\u1ECB H\u1ED3ng";
    c.dateOfBirth = date(2001, 12, 31);
    c.gender = Gender::Female;
    c.address = "7 L\u00EA Du\u1EA9n, Thanh Kh\u00EA, \u0110\u00E0 N\u1EB5ng";
    c.issueDate = date(2024, 2, 29);
    for (CccdLayout layout : {CccdLayout::Fields7, CccdLayout::Fields11}) {
        c.layout = layout;
        if (layout == CccdLayout::Fields11) c.extraFields = {"", "raw 8", "", ""};
        auto text = formatCccd(c);
        REQUIRE(text.ok());
        auto back = parseCard(*text, today());
        REQUIRE(back.ok());
        REQUIRE(back->kind == CardKind::Cccd);
        CHECK(*back->cccd == c);
        CHECK(back->warnings.empty());
    }
}

TEST_CASE("a built BHYT record round-trips through format and parse", "[idcard][format]") {
    BhytCard b;
    b.cardNumber = "HS4480412345678";
    b.fullName = "Ph\u1EA1m Minh Kh\u00F4i";
    b.dateOfBirth = *BirthDate::yearOnly(1958);
    b.gender = Gender::Male;
    b.address = "Thanh Kh\u00EA, \u0110\u00E0 N\u1EB5ng";
    b.registeredHospitalCode = "48002";
    b.validFrom = date(2025, 1, 1);
    b.validTo = date(2025, 12, 31);
    b.issueDate = date(2024, 12, 20);
    b.managementCode = "48020412345678";
    b.parentName = "Ph\u1EA1m V\u0103n T";
    b.livingAreaCode = "5";
    b.fiveYearsDate = date(2027, 7, 1);
    b.checkString = "fedcba9876543210-0042";
    for (BhytFormat format : {BhytFormat::Old, BhytFormat::New}) {
        b.format = format;
        if (format == BhytFormat::New) {
            b.cardNumber = "4804123456";
            b.benefitLevel = "5";
            b.placeOfIssue = "\u0110\u00E0 N\u1EB5ng";
            b.sentinel = '#';
        }
        auto text = formatBhyt(b);
        REQUIRE(text.ok());
        auto back = parseCard(*text, today());
        REQUIRE(back.ok());
        REQUIRE(back->kind == CardKind::Bhyt);
        CHECK(*back->bhyt == b);
        CHECK(back->warnings.empty());
    }
}

TEST_CASE("the formatter refuses what the payload cannot carry", "[idcard][format]") {
    CccdCard c = *parsed(idcard_test::kCccd7).cccd;
    c.address = "a|b";
    auto r = formatCccd(c);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "idcard.unformattable");
    CHECK(r.error().message == "address: holds '|' or a line break");
    c.address = "line\nbreak";
    CHECK_FALSE(formatCccd(c).ok());
    c.address = "\xEF\xBD\x9C";
    CHECK(formatCccd(c).error().message == "address: holds a fullwidth bar or a byte-order mark");
    c.address = "\xC3";
    CHECK(formatCccd(c).error().message == "address: not valid UTF-8");

    BhytCard b = *parsed(idcard_test::kBhytNew).bhyt;
    b.fullName = "tab\there";
    CHECK(formatBhyt(b).error().message == "full name: holds a control character");
    b.fullName = "An";
    b.sentinel = '%';
    CHECK(formatBhyt(b).error().message == "sentinel: must be $ or #");
}
