#include "fixtures.h"
#include "idcard/card_parser.h"

#include <catch2/catch.hpp>

using namespace bhxh::idcard;
using bhxh::CalendarDate;
using idcard_test::kCccd11;
using idcard_test::kCccd7;
using idcard_test::today;
using idcard_test::withField;

namespace {

CalendarDate date(int y, int m, int d) { return *CalendarDate::make(y, m, d); }

std::string errorOf(const std::string& payload) {
    auto r = parseCard(payload, today());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "idcard.invalid_field");
    return r.error().message;
}

std::vector<CardWarningCode> warningCodes(const ParsedCard& c) {
    std::vector<CardWarningCode> out;
    for (const auto& w : c.warnings) out.push_back(w.code);
    return out;
}

} // namespace

TEST_CASE("CCCD 7-field payload: every field", "[idcard][cccd]") {
    auto r = parseCard(kCccd7, today());
    REQUIRE(r.ok());
    REQUIRE(r->kind == CardKind::Cccd);
    REQUIRE(r->cccd.has_value());
    CHECK_FALSE(r->bhyt.has_value());
    const CccdCard& c = *r->cccd;
    CHECK(c.idNumber == "079090001234");
    CHECK(c.oldIdNumber == "025123456");
    CHECK(c.fullName == "Nguy\u1EC5n V\u0103n An");
    CHECK(c.dateOfBirth == date(1990, 3, 15));
    CHECK(c.gender == Gender::Male);
    CHECK(c.address == "12 \u0110\u01B0\u1EDDng S\u1ED1 1, Ph\u01B0\u1EDDng 10, Qu\u1EADn 6, TP. H\u1ED3 Ch\u00ED Minh");
    CHECK(c.issueDate == date(2021, 5, 10));
    CHECK(c.layout == CccdLayout::Fields7);
    CHECK(c.extraFields == std::array<std::string, 4>{});
    CHECK(c.provinceCode() == "079");
    CHECK(c.centuryGenderDigit() == 0);
    CHECK(c.birthYearDigits() == "90");
    CHECK(r->warnings.empty());
    CHECK(r->rawText == kCccd7);
    CHECK(cardKindName(r->kind) == "cccd");
}

TEST_CASE("CCCD 11-field payload: empty old number, female, 2000s, extra fields", "[idcard][cccd]") {
    auto r = parseCard(kCccd11, today());
    REQUIRE(r.ok());
    REQUIRE(r->kind == CardKind::Cccd);
    const CccdCard& c = *r->cccd;
    CHECK(c.layout == CccdLayout::Fields11);
    CHECK(c.oldIdNumber.empty());
    CHECK(c.gender == Gender::Female);
    CHECK(c.dateOfBirth == date(2005, 2, 2));
    CHECK(c.centuryGenderDigit() == 3);
    CHECK(c.birthYearDigits() == "05");
    CHECK(c.provinceCode() == "001");
    CHECK(r->warnings.empty());

    SECTION("non-empty extra fields are kept raw, untrimmed and uninterpreted") {
        auto e = parseCard(withField(withField(kCccd11, 8, " x 1 "), 10, "ABC"), today());
        REQUIRE(e.ok());
        CHECK(e->cccd->extraFields == std::array<std::string, 4>{"", " x 1 ", "", "ABC"});
    }
}

TEST_CASE("CCCD gender is read case-insensitively, with or without diacritics", "[idcard][cccd]") {
    CHECK(parseCard(withField(kCccd7, 4, "NAM"), today())->cccd->gender == Gender::Male);
    auto f = parseCard(withField(withField(kCccd7, 4, "n\u1EEF"), 0, "079190001234"), today());
    REQUIRE(f.ok());
    CHECK(f->cccd->gender == Gender::Female);
    CHECK(f->warnings.empty());
}

TEST_CASE("CCCD field errors name the field and the reason", "[idcard][cccd][errors]") {
    CHECK(errorOf(withField(kCccd7, 1, "12345")) == "CCCD field 1 (old CMND number): expected 9 digits or empty");
    CHECK(errorOf(withField(kCccd7, 1, "02512345a")) == "CCCD field 1 (old CMND number): expected 9 digits or empty");
    CHECK(errorOf(withField(kCccd7, 2, "  ")) == "CCCD field 2 (full name): empty");
    CHECK(errorOf(withField(kCccd7, 2, "An\xC3")) == "CCCD field 2 (full name): not valid UTF-8");
    CHECK(errorOf(withField(kCccd7, 3, "31021990")) == "CCCD field 3 (date of birth): 31/02/1990 is not a calendar date");
    CHECK(errorOf(withField(kCccd7, 3, "29021990")) == "CCCD field 3 (date of birth): 29/02/1990 is not a calendar date");
    CHECK(errorOf(withField(kCccd7, 3, "15/03/1990")) ==
          "CCCD field 3 (date of birth): \"15/03/1990\" is not a date of the form ddMMyyyy");
    CHECK(errorOf(withField(kCccd7, 3, "")) == "CCCD field 3 (date of birth): \"\" is not a date of the form ddMMyyyy");
    CHECK(errorOf(withField(kCccd7, 3, "02062025")) == "CCCD field 3 (date of birth): 02/06/2025 lies in the future");
    CHECK(errorOf(withField(kCccd7, 4, "M")) == "CCCD field 4 (gender): expected Nam or Nữ, got \"M\"");
    CHECK(errorOf(withField(kCccd7, 4, "")) == "CCCD field 4 (gender): expected Nam or Nữ, got \"\"");
    CHECK(errorOf(withField(kCccd7, 5, "Qu\xE1\xBA")) == "CCCD field 5 (address): not valid UTF-8");
    CHECK(errorOf(withField(kCccd7, 6, "31042021")) == "CCCD field 6 (issue date): 31/04/2021 is not a calendar date");
    CHECK(errorOf(withField(kCccd11, 9, "\xFF")) == "CCCD field 9 (unassigned field): not valid UTF-8");
}

TEST_CASE("CCCD leap days and today's birth date are accepted", "[idcard][cccd]") {
    auto leap = parseCard(withField(withField(kCccd7, 3, "29022000"), 0, "079200001234"), today());
    REQUIRE(leap.ok());
    CHECK(leap->cccd->dateOfBirth == date(2000, 2, 29));
    CHECK(errorOf(withField(kCccd7, 3, "29021900")) == "CCCD field 3 (date of birth): 29/02/1900 is not a calendar date");
    auto born = parseCard(withField(withField(kCccd7, 3, "01062025"), 0, "079225001234"), today());
    REQUIRE(born.ok());
    CHECK(born->warnings.empty());
}

TEST_CASE("CCCD cross-checks of digits 4-6 are warnings, not failures", "[idcard][cccd][warnings]") {
    SECTION("digit 4 says female, the card says Nam") {
        auto r = parseCard(withField(kCccd7, 0, "079190001234"), today());
        REQUIRE(r.ok());
        REQUIRE(warningCodes(*r) == std::vector{CardWarningCode::CccdGenderDigit});
        const CardWarning& w = r->warnings[0];
        CHECK(w.key() == "idcard.warning.cccd_gender_digit");
        CHECK(w.param("digit") == "1");
        CHECK(w.param("gender") == "Nam");
        CHECK(w.describe() == "CCCD digit 4 (1) does not match the gender on the card (Nam)");
    }
    SECTION("digit 4 says the 2000s, born 1990") {
        auto r = parseCard(withField(kCccd7, 0, "079290001234"), today());
        REQUIRE(r.ok());
        REQUIRE(warningCodes(*r) == std::vector{CardWarningCode::CccdCenturyDigit});
        CHECK(r->warnings[0].param("digit") == "2");
        CHECK(r->warnings[0].param("birth_year") == "1990");
        CHECK(r->warnings[0].key() == "idcard.warning.cccd_century_digit");
    }
    SECTION("digits 5-6 are not the birth year") {
        auto r = parseCard(withField(kCccd7, 0, "079091001234"), today());
        REQUIRE(r.ok());
        REQUIRE(warningCodes(*r) == std::vector{CardWarningCode::CccdBirthYearDigits});
        CHECK(r->warnings[0].param("digits") == "91");
        CHECK(r->warnings[0].param("birth_year") == "1990");
        CHECK(r->warnings[0].describe() == "CCCD digits 5-6 (91) do not match the birth year 1990");
    }
    SECTION("all three at once") {
        auto r = parseCard(withField(kCccd7, 0, "079585001234"), today());
        REQUIRE(r.ok());
        CHECK(warningCodes(*r) == std::vector{CardWarningCode::CccdGenderDigit, CardWarningCode::CccdCenturyDigit,
                                              CardWarningCode::CccdBirthYearDigits});
    }
}

TEST_CASE("parseCccd refuses other shapes", "[idcard][cccd]") {
    auto r = parseCccd(idcard_test::kBhytNew, today());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "idcard.not_cccd");
    auto u = parseCccd("hello", today());
    REQUIRE_FALSE(u.ok());
    CHECK(u.error().code == "idcard.not_cccd");
    CHECK(parseCccd(kCccd7, today()).ok());
}
