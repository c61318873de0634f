#include "idcard/card_warning.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace bhxh::idcard;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("every warning code has a key in both language files, with its parameters", "[idcard][warnings]") {
    const std::string vi = readFile(std::string(BHXH_SOURCE_DIR) + "/assets/lang/vi.json");
    const std::string en = readFile(std::string(BHXH_SOURCE_DIR) + "/assets/lang/en.json");
    const std::vector<std::pair<CardWarningCode, std::vector<std::string>>> codes = {
        {CardWarningCode::CccdGenderDigit, {"digit", "gender"}},
        {CardWarningCode::CccdCenturyDigit, {"digit", "birth_year"}},
        {CardWarningCode::CccdBirthYearDigits, {"digits", "birth_year"}},
        {CardWarningCode::BhytExpired, {"valid_to"}},
        {CardWarningCode::BhytNotYetValid, {"valid_from"}},
        {CardWarningCode::BhytCheckStringShape, {}}};
    for (const auto& [code, params] : codes) {
        const std::string key = CardWarning{code, {}}.key();
        CHECK(key == "idcard.warning." + warningCodeName(code));
        for (const std::string* file : {&vi, &en}) {
            const std::size_t at = file->find("\"" + key + "\"");
            REQUIRE(at != std::string::npos);
            const std::string line = file->substr(at, file->find('\n', at) - at);
            for (const std::string& p : params) CHECK(line.find("{" + p + "}") != std::string::npos);
        }
    }
}

TEST_CASE("CardWarning::param returns empty for a missing name", "[idcard][warnings]") {
    const CardWarning w{CardWarningCode::BhytExpired, {{"valid_to", "31/05/2025"}}};
    CHECK(w.param("valid_to") == "31/05/2025");
    CHECK(w.param("nope").empty());
    CHECK(w.describe() == "BHYT card expired on 31/05/2025");
    CHECK(CardWarning{CardWarningCode::BhytCheckStringShape, {}}.describe().find("check string") != std::string::npos);
}
