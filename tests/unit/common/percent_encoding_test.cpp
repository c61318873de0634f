#include "common/percent_encoding.h"

#include <catch2/catch.hpp>
#include <string>

using bhxh::percentEncode;

TEST_CASE("percentEncode keeps the unreserved characters and encodes every other byte", "[common][url]") {
    CHECK(percentEncode("AZaz09-_.~") == "AZaz09-_.~");
    CHECK(percentEncode("") == "");
    CHECK(percentEncode("a b&c=d/e?f#g+h%") == "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
    CHECK(percentEncode("07916-2026-000123") == "07916-2026-000123");
    CHECK(percentEncode("Nguyễn") == "Nguy%E1%BB%85n");  // UTF-8 byte by byte, upper-case hex
    CHECK(percentEncode(std::string("\0\xff", 2)) == "%00%FF");
}
