#include "common/pii_masker.h"

#include <catch2/catch.hpp>
#include <regex>
#include <string>

using bhxh::PiiMasker;

namespace {
// No run of 9+ digits may survive, nor a 10-digit phone written in groups.
bool hasClearNumber(const std::string& s) {
    static const std::regex longRun(R"(\d{9,})");
    static const std::regex groupedPhone(R"((\+?84|0)[ .-]?\d{2,4}[ .-]\d{3}[ .-]?\d{3})");
    return std::regex_search(s, longRun) || std::regex_search(s, groupedPhone);
}
} // namespace

TEST_CASE("12-digit CCCD, 9-digit CMND and 10-digit BHXH codes are masked", "[common][pii]") {
    CHECK(PiiMasker::mask("card 079090001234 scanned") == "card *********234 scanned");
    CHECK(PiiMasker::mask("cmnd=025123456") == "cmnd=******456");
    CHECK(PiiMasker::mask("bhxh 0113098765 ok") == "bhxh *******765 ok");
    CHECK(PiiMasker::mask("BHYT DN4797912345678") == "BHYT DN**********678");
}

TEST_CASE("Phone numbers are masked however they are written", "[common][pii]") {
    for (const std::string phone : {"0983847986", "0983 847 986", "0983.847.986", "098-384-7986", "+84983847986",
                                    "+84 983 847 986", "84983847986"}) {
        const std::string masked = PiiMasker::mask("phone " + phone + " end");
        INFO(phone << " -> " << masked);
        CHECK_FALSE(hasClearNumber(masked));
        CHECK(masked.find("986") != std::string::npos);  // the last three stay, to tell numbers apart
    }
}

TEST_CASE("Ordinary numbers, dates and times stay readable", "[common][pii]") {
    const std::string line = "pulled 120 rows in 340 ms at 2026-11-22 08:30:00, dossier 07916-2026-000123";
    CHECK(PiiMasker::mask(line) == line);
    CHECK(PiiMasker::mask("date 20261122") == "date 20261122");
}

TEST_CASE("Secrets written as key=value or Bearer tokens are masked", "[common][pii]") {
    CHECK(PiiMasker::mask("initial_password=Xy7#kq9P sent") == "initial_password=*** sent");
    CHECK(PiiMasker::mask(R"({"password": "hunter2"})") == R"({"password": "***"})");
    CHECK(PiiMasker::mask("Authorization: Bearer abc.def-123") == "Authorization: Bearer ***");
    CHECK(PiiMasker::mask("token: s3cr3t;") == "token: ***;");
}

TEST_CASE("E-mail addresses keep only their first letter and domain", "[common][pii]") {
    CHECK(PiiMasker::mask("mail biennt@example.vn queued") == "mail b***@example.vn queued");
}

TEST_CASE("Masking is idempotent", "[common][pii]") {
    const std::string once = PiiMasker::mask("079090001234 0983 847 986 password=abc biennt@example.vn");
    CHECK(PiiMasker::mask(once) == once);
}

TEST_CASE("Masking never lets a generated ID through", "[common][pii][property]") {
    // Deterministic pseudo-random IDs and phones embedded in text.
    unsigned state = 12345;
    auto next = [&state] { state = state * 1103515245u + 12345u; return (state >> 16) % 10; };
    for (int i = 0; i < 2000; ++i) {
        std::string id;
        const int len = (i % 3 == 0) ? 12 : (i % 3 == 1) ? 10 : 9;
        for (int d = 0; d < len; ++d) id += static_cast<char>('0' + next());
        const std::string masked = PiiMasker::mask("x " + id + " y");
        INFO(id << " -> " << masked);
        REQUIRE_FALSE(hasClearNumber(masked));
    }
}
