#include "idcard/hex_text.h"

#include <catch2/catch.hpp>

using bhxh::idcard::decodeHexUtf8;
using bhxh::idcard::encodeHex;

TEST_CASE("hex UTF-8 decodes lower and upper case", "[idcard][hex]") {
    CHECK(decodeHexUtf8("4e677579e1bb856e").value() == "Nguy\u1EC5n");
    CHECK(decodeHexUtf8("4E677579E1BB856E").value() == "Nguy\u1EC5n");
    CHECK(encodeHex("Nguy\u1EC5n") == "4e677579e1bb856e");
    CHECK(encodeHex("") == "");
}

TEST_CASE("hex decoding is strict", "[idcard][hex]") {
    const auto reason = [](const char* hex) {
        auto r = decodeHexUtf8(hex);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "idcard.bad_hex");
        return r.error().message;
    };
    CHECK(reason("") == "empty hex text");
    CHECK(reason("4e6") == "odd number of hex digits (3)");
    CHECK(reason("4g") == "character 2 is not a hex digit");
    CHECK(reason(" 4e6") == "character 1 is not a hex digit");
    CHECK(reason("c3") == "the decoded bytes are not valid UTF-8");        // truncated sequence
    CHECK(reason("c0af") == "the decoded bytes are not valid UTF-8");      // overlong '/'
    CHECK(reason("eda080") == "the decoded bytes are not valid UTF-8");    // UTF-16 surrogate
    CHECK(reason("ff") == "the decoded bytes are not valid UTF-8");
    CHECK(reason("0a") == "the decoded text holds a control character");
    CHECK(reason("1234") == "the decoded text holds a control character");
    CHECK(reason("417f") == "the decoded text holds a control character");
}

TEST_CASE("every byte survives encode then decode when it is valid text", "[idcard][hex]") {
    const std::string text = "Tr\u1EA7n Th\u1ECB B\u00ECnh, 5 Ph\u1ED1 Hu\u1EBF | $ # - \U0001F600";
    CHECK(decodeHexUtf8(encodeHex(text)).value() == text);
}
