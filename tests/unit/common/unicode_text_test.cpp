#include "common/unicode_text.h"

#include <catch2/catch.hpp>

namespace text = bhxh::text;

TEST_CASE("NFC composes decomposed Vietnamese", "[common][unicode]") {
    const std::string decomposed = "Nguye\xCC\x82\xCC\x83n";  // e + combining circumflex + combining tilde
    const std::string composed = "Nguy\xE1\xBB\x85n";          // ễ U+1EC5
    CHECK_FALSE(text::isNfc(decomposed));
    CHECK(text::nfc(decomposed) == composed);
    CHECK(text::isNfc(composed));
}

TEST_CASE("NFKC turns fullwidth digits and bar into ASCII", "[common][unicode]") {
    CHECK(text::nfkc("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBD\x9C") == "12|");  // １２｜
}

TEST_CASE("Diacritics are stripped, đ included", "[common][unicode]") {
    CHECK(text::stripDiacritics("Nguyễn Thành Biên") == "Nguyen Thanh Bien");
    CHECK(text::stripDiacritics("Đặng Thị Đào") == "Dang Thi Dao");
    CHECK(text::stripDiacritics("Phường 10, Quận 6") == "Phuong 10, Quan 6");
}

TEST_CASE("Search folding ignores case, marks and spacing", "[common][unicode]") {
    CHECK(text::foldForSearch("  NGUYỄN   Thành\tBiên ") == "nguyen thanh bien");
    CHECK(text::foldForSearch("Nguye\xCC\x82\xCC\x83n") == text::foldForSearch("nguyen"));
}

TEST_CASE("UTF-8 validity is checked strictly", "[common][unicode]") {
    CHECK(text::isValidUtf8("Tiếng Việt"));
    CHECK(text::isValidUtf8(""));
    CHECK_FALSE(text::isValidUtf8("\xC3"));          // truncated sequence
    CHECK_FALSE(text::isValidUtf8("\xC0\xAF"));      // overlong
    CHECK_FALSE(text::isValidUtf8("\xED\xA0\x80"));  // surrogate
}

TEST_CASE("Diacritic detection and Vietnamese upper case", "[common][unicode]") {
    CHECK(text::hasDiacritics("Nguyễn Văn An"));
    CHECK(text::hasDiacritics("Do Dang Dao") == false);
    CHECK(text::hasDiacritics("đ"));
    CHECK(text::toUpper("nguyễn văn đức") == "NGUYỄN VĂN ĐỨC");
    CHECK(text::codePointCount("Việt") == 4);
}

TEST_CASE("A masked name keeps the initials and the given name", "[common][unicode]") {
    CHECK(text::maskedName("Nguyễn Thành Biên") == "N. T. Biên");
    CHECK(text::maskedName("  Đỗ   Thị\tLan ") == "Đ. T. Lan");
    CHECK(text::maskedName("An") == "An");
    CHECK(text::maskedName("") == "");
    // Decomposed input comes out composed; a control character separates like a space.
    CHECK(text::maskedName("Le\u0302 Va\u0306n\x1b" "An") == "L. V. An");
}

TEST_CASE("text for a terminal has every control character escaped (issue 18)", "[common][unicode][hostile]") {
    CHECK(text::escapeForTerminal("Nguyễn Thành Biên|001099012345") == "Nguyễn Thành Biên|001099012345");
    CHECK(text::escapeForTerminal("a\x1b]0;pwned\x07" "b") == "a\\x1b]0;pwned\\x07b");
    CHECK(text::escapeForTerminal("x\x1b[2Jy\r\n\t") == "x\\x1b[2Jy\\x0d\\x0a\\x09");
    CHECK(text::escapeForTerminal("del\x7f") == "del\\x7f");
    CHECK(text::escapeForTerminal("csi\xc2\x9b" "31m") == "csi\\u009b31m");  // U+009B, the C1 CSI
    CHECK(text::escapeForTerminal("raw\x9b" "31m") == "raw\\x9b31m");       // not UTF-8: bytes escaped
    CHECK(text::escapeForTerminal("back\\slash") == "back\\\\slash");
    CHECK(text::escapeForTerminal(std::string("nul\0x", 5)) == "nul\\x00x");
}
