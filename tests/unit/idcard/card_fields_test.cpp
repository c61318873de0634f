#include "fixtures.h"
#include "idcard/card_fields.h"
#include "idcard/card_parser.h"

#include <catch2/catch.hpp>
#include <map>

using namespace bhxh::idcard;
using idcard_test::today;

namespace {

std::map<std::string, std::string> fieldsOf(const std::string& payload) {
    auto r = parseCard(payload, today());
    REQUIRE(r.ok());
    const auto list = cardFields(*r);
    return {list.begin(), list.end()};
}

} // namespace

TEST_CASE("cardFields lists a CCCD record for display", "[idcard][fields]") {
    auto f = fieldsOf(idcard_test::kCccd11);
    CHECK(f.at("id_number") == "001305012345");
    CHECK(f.at("old_id_number").empty());
    CHECK(f.at("date_of_birth") == "2005-02-02");
    CHECK(f.at("gender") == "N\u1EEF");
    CHECK(f.at("issue_date") == "2024-07-01");
    CHECK(f.at("layout") == "11");
    CHECK(f.at("province_code") == "001");
    CHECK(f.at("century_gender_digit") == "3");
    CHECK(f.at("birth_year_digits") == "05");
    CHECK(f.at("extra_10").empty());
    CHECK(f.size() == 15);
}

TEST_CASE("cardFields lists a BHYT record for display", "[idcard][fields]") {
    auto f = fieldsOf(idcard_test::withField(idcard_test::kBhytOld, 2, "1952"));
    CHECK(f.at("card_number") == "DN4797912345678");
    CHECK(f.at("bhxh_code") == "7912345678");
    CHECK(f.at("full_name") == "Nguy\u1EC5n V\u0103n An");
    CHECK(f.at("date_of_birth") == "1952");
    CHECK(f.at("gender") == "Nam");
    CHECK(f.at("registered_hospital") == "79001");
    CHECK(f.at("valid_to") == "2025-12-31");
    CHECK(f.at("parent_name").empty());
    CHECK(f.at("format") == "old");
    CHECK(f.count("benefit_level") == 0);
    auto n = fieldsOf(idcard_test::kBhytNew);
    CHECK(n.at("valid_to").empty());
    CHECK(n.at("benefit_level") == "4");
    CHECK(n.at("format") == "new");
}

TEST_CASE("cardFields is empty for unknown payloads", "[idcard][fields]") {
    auto r = parseCard("not a card", today());
    REQUIRE(r.ok());
    CHECK(cardFields(*r).empty());
}
