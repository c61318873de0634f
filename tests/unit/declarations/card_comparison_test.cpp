#include "common/unicode_text.h"
#include "declarations/card_comparison.h"
#include "declarations/declaration_rules.h"
#include "declarations/rfc3339.h"
#include "idcard/card_parser.h"

#include <catch2/catch.hpp>

using namespace bhxh;
using namespace bhxh::declarations;

namespace {

const CalendarDate kToday = *CalendarDate::make(2026, 12, 4);
const char* kCccd = "052087770390|023037877|Nguyễn Công Sơn|16091987|Nam|52/35 Lò Gốm, Phường 12, Quận 6, TP. Hồ Chí Minh|03042021";

Declaration sonDeclaration() {
    Declaration d;
    d.dossierNo = "07916-2026-000001";
    d.fullName = "Nguyễn Công Sơn";
    d.idNumber = "052087770390";
    d.bhxhCode = "7949700357";
    d.dateOfBirth = "1987-09-16";
    d.gender = "male";
    d.address.text = "52/35 Lò Gốm, Phường 12, Quận 6, TP. Hồ Chí Minh";
    d.phone = "0912345678";
    d.expiresAt = "2026-12-10T09:00:00+07:00";
    return d;
}

const FieldCheck& row(const CardComparison& c, const std::string& field) {
    for (const auto& f : c.fields) {
        if (f.field == field) return f;
    }
    FAIL("no row " << field);
    return c.fields.front();
}

idcard::ParsedCard parse(const std::string& text) {
    auto card = idcard::parseCard(text, kToday);
    REQUIRE(card);
    return *card;
}

} // namespace

TEST_CASE("a matching CCCD gives Match on every field it carries") {
    const auto c = compareWithCard(sonDeclaration(), parse(kCccd));
    CHECK_FALSE(c.anyMismatch());
    CHECK(row(c, "full_name").verdict == FieldVerdict::Match);
    CHECK(row(c, "id_number").verdict == FieldVerdict::Match);
    CHECK(row(c, "date_of_birth").verdict == FieldVerdict::Match);
    CHECK(row(c, "gender").verdict == FieldVerdict::Match);
    CHECK(row(c, "address").verdict == FieldVerdict::Match);
    CHECK(row(c, "bhxh_code").verdict == FieldVerdict::NotOnCard);
    CHECK(c.matchedFields().size() == 5);
}

TEST_CASE("names compare without case or normalisation but with their marks") {
    auto d = sonDeclaration();
    d.fullName = text::toUpper("nguyễn  công sơn");
    CHECK(row(compareWithCard(d, parse(kCccd)), "full_name").verdict == FieldVerdict::Match);
    // decomposed: "o" + U+031B + U+0302 ... written as NFD
    d.fullName = "Nguye\xCC\x82\xCC\x83n Co\xCC\x82ng So\xCC\x9Bn";
    CHECK(row(compareWithCard(d, parse(kCccd)), "full_name").verdict == FieldVerdict::Match);
    d.fullName = "Nguyen Cong Son";
    CHECK(row(compareWithCard(d, parse(kCccd)), "full_name").verdict == FieldVerdict::Mismatch);
}

TEST_CASE("a different birth date, gender or ID number is a mismatch") {
    auto d = sonDeclaration();
    d.dateOfBirth = "1987-09-17";
    d.gender = "female";
    d.idNumber = "052087770391";
    const auto c = compareWithCard(d, parse(kCccd));
    CHECK(c.anyMismatch());
    CHECK(row(c, "date_of_birth").verdict == FieldVerdict::Mismatch);
    CHECK(row(c, "gender").verdict == FieldVerdict::Mismatch);
    CHECK(row(c, "id_number").verdict == FieldVerdict::Mismatch);
}

TEST_CASE("a guardian's card compares the guardian's name and number") {
    auto d = sonDeclaration();
    d.kind = bhxh::declarations::DeclarationKind::MinorViaGuardian;
    d.fullName = "Nguyễn Công Minh";
    d.idNumber = "079215501627";
    d.guardian = Guardian{"7911111111", "Nguyễn Công Sơn", "052087770390"};
    const auto c = compareWithCard(d, parse(kCccd));
    CHECK(c.cardIsGuardian);
    CHECK_FALSE(c.anyMismatch());
    CHECK(c.fields.size() == 2);
}

TEST_CASE("lookupKey is the CCCD number or the BHYT's BHXH code") {
    CHECK(lookupKey(parse(kCccd)) == "052087770390");
    idcard::ParsedCard unknown;
    CHECK(lookupKey(unknown).empty());
}

TEST_CASE("RFC 3339 times read with offsets and fractions, and nothing else") {
    const auto a = parseRfc3339("2026-11-30T09:12:00+07:00");
    const auto b = parseRfc3339("2026-11-30T02:12:00Z");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
    CHECK(parseRfc3339("2026-11-30T02:12:00.250Z"));
    CHECK_FALSE(parseRfc3339("2026-02-30T02:12:00Z"));
    CHECK_FALSE(parseRfc3339("2026-11-30 02:12"));
    CHECK_FALSE(parseRfc3339("2026-11-30T02:12:00+0700"));
    CHECK(formatRfc3339(*a) == "2026-11-30T09:12:00+07:00");
}

TEST_CASE("rules: diacritics, code format, contacts, days left, guardian") {
    const auto now = *parseRfc3339("2026-12-04T10:00:00+07:00");
    auto d = sonDeclaration();
    CHECK(daysLeft(d, now) == 5);
    auto find = [](const std::vector<RuleCheck>& rules, const std::string& name) {
        for (const auto& r : rules) {
            if (r.rule == name) return r;
        }
        FAIL("no rule " << name);
        return rules.front();
    };
    auto rules = checkRules(d, now, {false, std::nullopt});
    CHECK(find(rules, "name_diacritics").ok);
    CHECK(find(rules, "bhxh_code_format").ok);
    CHECK(find(rules, "phone_unique").ok);
    CHECK(find(rules, "deadline").ok);
    CHECK(find(rules, "deadline").params.at("days") == "5");

    d.fullName = "Nguyen Cong Son";
    d.bhxhCode = "79497003";
    d.expiresAt = "2026-12-03T09:00:00+07:00";
    rules = checkRules(d, now, {true, std::nullopt});
    CHECK_FALSE(find(rules, "name_diacritics").ok);
    CHECK(find(rules, "name_diacritics").reasonCode == "name_no_diacritics");
    CHECK_FALSE(find(rules, "bhxh_code_format").ok);
    CHECK_FALSE(find(rules, "phone_unique").ok);
    CHECK_FALSE(find(rules, "deadline").ok);
    CHECK(daysLeft(d, now).value() < 0);

    d.kind = bhxh::declarations::DeclarationKind::MinorViaGuardian;
    CHECK_FALSE(find(checkRules(d, now, {}), "guardian").ok);
    CHECK_FALSE(find(checkRules(d, now, {}), "phone_unique").known);
}
