#include "fixtures.h"
#include "idcard/card_parser.h"
#include "idcard/hex_text.h"

#include <catch2/catch.hpp>

using namespace bhxh::idcard;
using bhxh::CalendarDate;
using idcard_test::kBhytNew;
using idcard_test::kBhytOld;
using idcard_test::kNameHex;
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

TEST_CASE("BHYT new format (17 parts): every field", "[idcard][bhyt]") {
    auto r = parseCard(kBhytNew, today());
    REQUIRE(r.ok());
    REQUIRE(r->kind == CardKind::Bhyt);
    REQUIRE(r->bhyt.has_value());
    CHECK_FALSE(r->cccd.has_value());
    const BhytCard& b = *r->bhyt;
    CHECK(b.format == BhytFormat::New);
    CHECK(b.cardNumber == "7912345678");
    CHECK(b.bhxhCode() == "7912345678");
    CHECK_FALSE(b.hasLongCardNumber());
    CHECK(b.beneficiaryGroup().empty());
    CHECK(b.cardBenefitLevel() == -1);
    CHECK(b.cardProvinceCode().empty());
    CHECK(b.fullName == "Nguy\u1EC5n V\u0103n An");
    REQUIRE_FALSE(b.dateOfBirth.isYearOnly());
    CHECK(b.dateOfBirth.date() == date(1990, 3, 15));
    CHECK(b.gender == Gender::Male);
    CHECK_FALSE(b.address.has_value());
    CHECK(b.registeredHospitalCode == "79001");
    CHECK(b.validFrom == date(2025, 1, 1));
    CHECK_FALSE(b.validTo.has_value());
    CHECK(b.issueDate == date(2025, 1, 20));
    CHECK(b.managementCode == "79167912345678");
    CHECK_FALSE(b.parentName.has_value());
    CHECK(b.livingAreaCode == "4");
    CHECK(b.fiveYearsDate == date(2030, 1, 1));
    CHECK(b.checkString == "0123456789abcdef-1202");
    CHECK(b.benefitLevel == "4");
    CHECK(b.placeOfIssue == std::optional<std::string>("Qu\u1EADn 6, Th\u00E0nh ph\u1ED1 H\u1ED3 Ch\u00ED Minh"));
    CHECK(b.sentinel == '$');
    CHECK(r->warnings.empty());
    CHECK(cardKindName(r->kind) == "bhyt");
}

TEST_CASE("BHYT old format (15 parts): long card number, hex address, leading space", "[idcard][bhyt]") {
    auto r = parseCard(kBhytOld, today());
    REQUIRE(r.ok());
    const BhytCard& b = *r->bhyt;
    CHECK(b.format == BhytFormat::Old);
    CHECK(b.cardNumber == "DN4797912345678");
    CHECK(b.hasLongCardNumber());
    CHECK(b.bhxhCode() == "7912345678");
    CHECK(b.beneficiaryGroup() == "DN");
    CHECK(b.cardBenefitLevel() == 4);
    CHECK(b.cardProvinceCode() == "79");
    CHECK(b.address == std::optional<std::string>("12 \u0110\u01B0\u1EDDng S\u1ED1 1, Qu\u1EADn 6"));
    CHECK(b.validTo == date(2025, 12, 31));
    CHECK(b.fiveYearsDate == date(2030, 1, 1));
    CHECK(b.checkString == "0123456789abcde-1202");
    CHECK(b.benefitLevel.empty());
    CHECK_FALSE(b.placeOfIssue.has_value());
    CHECK(r->warnings.empty());
}

TEST_CASE("BHYT '#' sentinel, lowercase card number, hex parent's name, living areas", "[idcard][bhyt]") {
    std::string p = kBhytOld.substr(0, kBhytOld.size() - 1) + "#";
    p = withField(p, 0, "hs4797912345678");
    p = withField(p, 10, encodeHex("Tr\u1EA7n Th\u1ECB B"));
    p = withField(p, 11, "6");
    auto r = parseCard(p, today());
    REQUIRE(r.ok());
    CHECK(r->bhyt->sentinel == '#');
    CHECK(r->bhyt->cardNumber == "HS4797912345678");
    CHECK(r->bhyt->parentName == std::optional<std::string>("Tr\u1EA7n Th\u1ECB B"));
    CHECK(r->bhyt->livingAreaCode == "6");
    CHECK(parseCard(withField(p, 11, "-"), today())->bhyt->livingAreaCode.empty());
}

TEST_CASE("BHYT year-only birth date is modelled as a year, never a made-up day", "[idcard][bhyt]") {
    auto r = parseCard(withField(kBhytNew, 2, "1952"), today());
    REQUIRE(r.ok());
    const BirthDate& dob = r->bhyt->dateOfBirth;
    CHECK(dob.isYearOnly());
    CHECK(dob.year() == 1952);
    CHECK_FALSE(dob.date().has_value());
    CHECK(dob.toSlashed() == "1952");
    CHECK(dob.toIso() == "1952");
    CHECK(parseCard(withField(kBhytNew, 2, "2025"), today()).ok());
    CHECK(errorOf(withField(kBhytNew, 2, "2026")) == "BHYT field 2 (date of birth): 2026 lies in the future");
    CHECK(errorOf(withField(kBhytNew, 2, "0000")) == "BHYT field 2 (date of birth): 0000 is not a year");
}

TEST_CASE("BHYT hospital code: spaces, '-' and en dash are stripped", "[idcard][bhyt]") {
    for (const char* text : {"79 - 001", "79-001", "79001", "79 \u2013 001", " 79 -  001 "}) {
        auto r = parseCard(withField(kBhytNew, 5, text), today());
        REQUIRE(r.ok());
        CHECK(r->bhyt->registeredHospitalCode == "79001");
    }
    CHECK(errorOf(withField(kBhytNew, 5, "79 - 01")) ==
          "BHYT field 5 (registered hospital): \"79 - 01\" does not give a 5-character code like 79 - 001");
    CHECK(errorOf(withField(kBhytNew, 5, "-")) ==
          "BHYT field 5 (registered hospital): \"-\" does not give a 5-character code like 79 - 001");
}

TEST_CASE("BHYT field errors name the field and the reason", "[idcard][bhyt][errors]") {
    CHECK(errorOf(withField(kBhytNew, 0, "791234567")) ==
          "BHYT field 0 (card number): expected 10 digits or 15 characters (2 letters, level 1-5, 12 digits), "
          "got 9 characters");
    CHECK(errorOf(withField(kBhytNew, 0, "DN6797912345678")).rfind("BHYT field 0 (card number):", 0) == 0);
    CHECK(errorOf(withField(kBhytNew, 1, "-")) ==
          "BHYT field 1 (full name): not hex-encoded UTF-8: odd number of hex digits (1)");
    CHECK(errorOf(withField(kBhytNew, 1, "Nguyen Van An")).rfind("BHYT field 1 (full name): not hex-encoded", 0) == 0);
    CHECK(errorOf(withField(kBhytNew, 1, "4e6")) ==
          "BHYT field 1 (full name): not hex-encoded UTF-8: odd number of hex digits (3)");
    CHECK(errorOf(withField(kBhytNew, 1, "4ec3")) ==
          "BHYT field 1 (full name): not hex-encoded UTF-8: the decoded bytes are not valid UTF-8");
    CHECK(errorOf(withField(kBhytNew, 1, "2020")) == "BHYT field 1 (full name): empty");
    CHECK(errorOf(withField(kBhytNew, 2, "31/02/1990")) ==
          "BHYT field 2 (date of birth): 31/02/1990 is not a calendar date");
    CHECK(errorOf(withField(kBhytNew, 2, "15031990")) ==
          "BHYT field 2 (date of birth): \"15031990\" is not a date of the form dd/MM/yyyy or yyyy");
    CHECK(errorOf(withField(kBhytNew, 2, "02/06/2025")) ==
          "BHYT field 2 (date of birth): 02/06/2025 lies in the future");
    CHECK(errorOf(withField(kBhytNew, 3, "Nam")) == "BHYT field 3 (gender): expected 1 (Nam) or 2 (Nữ), got \"Nam\"");
    CHECK(errorOf(withField(kBhytNew, 3, "3")) == "BHYT field 3 (gender): expected 1 (Nam) or 2 (Nữ), got \"3\"");
    CHECK(errorOf(withField(kBhytNew, 4, "12 Duong")).rfind("BHYT field 4 (address): not hex-encoded UTF-8", 0) == 0);
    CHECK(errorOf(withField(kBhytNew, 6, "29/02/2023")) == "BHYT field 6 (valid from): 29/02/2023 is not a calendar date");
    CHECK(errorOf(withField(kBhytNew, 7, "2025")) ==
          "BHYT field 7 (valid to): \"2025\" is not a date of the form dd/MM/yyyy");
    CHECK(errorOf(withField(kBhytNew, 8, "-")) ==
          "BHYT field 8 (issue date): \"-\" is not a date of the form dd/MM/yyyy");
    CHECK(errorOf(withField(kBhytNew, 9, "7916-791234")) == "BHYT field 9 (management code): expected digits");
    CHECK(errorOf(withField(kBhytNew, 10, "4e6")) ==
          "BHYT field 10 (parent's name): not hex-encoded UTF-8: odd number of hex digits (3)");
    CHECK(errorOf(withField(kBhytNew, 11, "K1")) == "BHYT field 11 (living-area code): expected one digit, got \"K1\"");
    CHECK(errorOf(withField(kBhytNew, 12, "32/01/2030")) ==
          "BHYT field 12 (date of 5 continuous years): 32/01/2030 is not a calendar date");
    CHECK(errorOf(withField(kBhytNew, 15, "zz")) ==
          "BHYT field 15 (place of issue): not hex-encoded UTF-8: character 1 is not a hex digit");
}

TEST_CASE("BHYT digit-only fields are never hex-decoded", "[idcard][bhyt]") {
    // "3132" is valid hex ("12"), but fields 9, 11 and 14 are not hex fields.
    auto r = parseCard(withField(withField(kBhytNew, 9, "3132"), 14, "3132"), today());
    REQUIRE(r.ok());
    CHECK(r->bhyt->managementCode == "3132");
    CHECK(r->bhyt->benefitLevel == "3132");
    // A hex field holding "1234" decodes to control characters: refused, not shown as garbage.
    CHECK(errorOf(withField(kBhytNew, 1, "1234")) ==
          "BHYT field 1 (full name): not hex-encoded UTF-8: the decoded text holds a control character");
}

TEST_CASE("BHYT validity and check-string warnings", "[idcard][bhyt][warnings]") {
    SECTION("expired: valid-to before today") {
        auto r = parseCard(withField(kBhytNew, 7, "31/05/2025"), today());
        REQUIRE(r.ok());
        REQUIRE(warningCodes(*r) == std::vector{CardWarningCode::BhytExpired});
        CHECK(r->warnings[0].key() == "idcard.warning.bhyt_expired");
        CHECK(r->warnings[0].param("valid_to") == "31/05/2025");
        CHECK(r->warnings[0].param("today") == "01/06/2025");
        CHECK(r->warnings[0].describe() == "BHYT card expired on 31/05/2025");
    }
    SECTION("valid to today is not expired") {
        auto r = parseCard(withField(kBhytNew, 7, "01/06/2025"), today());
        REQUIRE(r.ok());
        CHECK(r->warnings.empty());
    }
    SECTION("not yet valid") {
        auto r = parseCard(withField(kBhytNew, 6, "02/06/2025"), today());
        REQUIRE(r.ok());
        REQUIRE(warningCodes(*r) == std::vector{CardWarningCode::BhytNotYetValid});
        CHECK(r->warnings[0].param("valid_from") == "02/06/2025");
    }
    SECTION("check-string shapes") {
        for (const char* bad : {"", "-", "0123456789abcd-1202", "0123456789abcdef0-1202", "0123456789ABCDEF-1202",
                                "0123456789abcdef-120", "0123456789abcdef-12a2", "0123456789abcdeg-1202"}) {
            auto r = parseCard(withField(kBhytNew, 13, bad), today());
            REQUIRE(r.ok());
            CHECK(warningCodes(*r) == std::vector{CardWarningCode::BhytCheckStringShape});
            CHECK(r->bhyt->checkString == std::string(bad));
        }
        auto ok15 = parseCard(withField(kBhytNew, 13, "0123456789abcde-0001"), today());
        REQUIRE(ok15.ok());
        CHECK(ok15->warnings.empty());
    }
}

TEST_CASE("parseBhyt refuses other shapes", "[idcard][bhyt]") {
    auto r = parseBhyt(idcard_test::kCccd7, today());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "idcard.not_bhyt");
    CHECK(parseBhyt(kBhytOld, today()).ok());
}
