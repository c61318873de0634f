#include "idcard/card_formatter.h"
#include "idcard/card_parser.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace bhxh::idcard;

// The fuzzers start from these seeds: they must stay what their names say, or fuzzing
// silently loses its starting points.
TEST_CASE("fuzz seed corpus files are what their names say", "[idcard][corpus]") {
    namespace fs = std::filesystem;
    const bhxh::CalendarDate today = *bhxh::CalendarDate::make(2025, 6, 1);
    int seen = 0;
    for (const char* dir : {"cccd_fuzz", "bhyt_fuzz"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(BHXH_SOURCE_DIR) / "tests/fuzz/corpus" / dir)) {
            const std::string name = entry.path().filename().string();
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            INFO(name);
            ++seen;
            auto r = parseCard(text.str(), today);
            if (name.find("error") != std::string::npos) {
                CHECK_FALSE(r.ok());
                continue;
            }
            REQUIRE(r.ok());
            if (name.rfind("cccd", 0) == 0) CHECK(r->kind == CardKind::Cccd);
            else if (name.rfind("bhyt", 0) == 0) CHECK(r->kind == CardKind::Bhyt);
            else if (name.rfind("unknown", 0) == 0) CHECK(r->kind == CardKind::Unknown);
            if (name.find("warning") != std::string::npos) CHECK_FALSE(r->warnings.empty());
            if (r->cccd) CHECK(parseCard(formatCccd(*r->cccd).value(), today)->cccd == r->cccd);
            if (r->bhyt) CHECK(parseCard(formatBhyt(*r->bhyt).value(), today)->bhyt == r->bhyt);
        }
    }
    CHECK(seen >= 20);
}
