#include "scan/wedge_assembler.h"

#include <catch2/catch.hpp>
#include <string>

using bhxh::scan::WedgeAssembler;
using bhxh::scan::WedgeTiming;
using namespace std::chrono_literals;

namespace {

// Decodes UTF-8 into code points, as the UI's character events would deliver them.
std::u32string codepoints(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out += cp;
        i += static_cast<std::size_t>(len);
    }
    return out;
}

// Types text with a fixed gap between keys; returns the time of the last key.
WedgeAssembler::Clock::time_point type(WedgeAssembler& w, const std::string& text, WedgeAssembler::Clock::time_point t,
                                       std::chrono::milliseconds gap) {
    for (char32_t c : codepoints(text)) {
        t += gap;
        w.key(c, t);
    }
    return t;
}

const std::string kCccd =
    "079090001234|025123456|Nguyễn Văn An|15031990|Nam|12 Đường Số 1, Phường 10, Quận 6, TP. Hồ Chí Minh|10052021";

} // namespace

TEST_CASE("a scanner's fast burst ending in Enter is one scan, Vietnamese text intact", "[wedge]") {
    WedgeAssembler w;
    const auto t = type(w, kCccd, WedgeAssembler::Clock::time_point{}, 4ms);
    const auto scan = w.enter(t + 5ms);
    REQUIRE(scan.has_value());
    CHECK(*scan == kCccd);
    CHECK(w.pending() == 0);
}

TEST_CASE("a person typing the same text slowly is not a scan", "[wedge]") {
    WedgeAssembler w;
    const auto t = type(w, kCccd, WedgeAssembler::Clock::time_point{}, 120ms);
    CHECK_FALSE(w.enter(t + 150ms).has_value());
}

TEST_CASE("hand-typed keys before a scan are dropped, the scan survives", "[wedge]") {
    WedgeAssembler w;
    auto t = type(w, "abc", WedgeAssembler::Clock::time_point{}, 200ms);
    t = type(w, "7912345678|$", t + 500ms, 3ms);
    const auto scan = w.enter(t + 3ms);
    REQUIRE(scan.has_value());
    CHECK(*scan == "7912345678|$");
}

TEST_CASE("a short fast burst (a typist's word) and a late Enter are not scans", "[wedge]") {
    WedgeAssembler w(WedgeTiming{35ms, 8});
    auto t = type(w, "Nam", WedgeAssembler::Clock::time_point{}, 10ms);
    CHECK_FALSE(w.enter(t + 10ms).has_value());
    t = type(w, "079090001234", t + 1s, 5ms);
    CHECK_FALSE(w.enter(t + 400ms).has_value());  // Enter pressed by hand after a pause
}

TEST_CASE("thresholds are configurable", "[wedge]") {
    WedgeAssembler w(WedgeTiming{80ms, 4});
    const auto t = type(w, "ABCD", WedgeAssembler::Clock::time_point{}, 60ms);
    CHECK(w.enter(t + 60ms) == std::optional<std::string>("ABCD"));
}

TEST_CASE("one slow gap in the middle splits the burst", "[wedge]") {
    WedgeAssembler w(WedgeTiming{35ms, 8});
    auto t = type(w, "079090", WedgeAssembler::Clock::time_point{}, 4ms);
    t = type(w, "001234", t + 300ms, 4ms);  // the first key after the pause restarts the burst
    CHECK_FALSE(w.enter(t + 4ms).has_value());  // only 6 fast keys remain: too short
}
