#include "fixtures.h"
#include "idcard/card_parser.h"
#include "idcard/hex_text.h"

#include <catch2/catch.hpp>

using namespace bhxh::idcard;
using idcard_test::kBhytNew;
using idcard_test::kBhytOld;
using idcard_test::kCccd11;
using idcard_test::kCccd7;
using idcard_test::today;

namespace {

// Fullwidth form of the ASCII digits and '|' of a payload (U+FF10.., U+FF5C).
std::string fullwidth(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            out += "\xEF\xBC";
            out += static_cast<char>(0x90 + (c - '0'));
        } else if (c == '|') {
            out += "\xEF\xBD\x9C";
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

TEST_CASE("normalizePayload strips CR, LF, NUL and BOM, maps the fullwidth bar", "[idcard][normalise]") {
    using namespace std::string_literals;
    CHECK(normalizePayload("a|b\r\n") == "a|b");
    CHECK(normalizePayload("\xEF\xBB\xBF" "a|b") == "a|b");
    CHECK(normalizePayload("a\0|b\0"s) == "a|b");
    CHECK(normalizePayload("a\xEF\xBD\x9C" "b") == "a|b");
    CHECK(normalizePayload("a|||b") == "a|||b");
    CHECK(normalizePayload("\xEF\xBB") == "\xEF\xBB"); // a truncated sequence is left for the parser to refuse
}

TEST_CASE("scanner noise around a payload is ignored", "[idcard][normalise]") {
    using namespace std::string_literals;
    for (const std::string& noisy : {kCccd7 + "\r\n", "\xEF\xBB\xBF"s + kCccd7, kCccd7 + "\0"s, kCccd7 + "\n",
                                     "\xEF\xBB\xBF"s + kCccd7 + "\r\n\0"s}) {
        auto r = parseCard(noisy, today());
        REQUIRE(r.ok());
        CHECK(r->kind == CardKind::Cccd);
        CHECK(*r->cccd == *parseCard(kCccd7, today())->cccd);
        CHECK(r->rawText == noisy);
        CHECK(r->normalizedText == kCccd7);
    }
    auto b = parseCard(kBhytNew + "\r\n", today());
    REQUIRE(b.ok());
    CHECK(b->bhyt->sentinel == '$');
}

TEST_CASE("fullwidth digits and bar are read as ASCII (NFKC)", "[idcard][normalise]") {
    auto c = parseCard(fullwidth(kCccd7), today());
    REQUIRE(c.ok());
    CHECK(*c->cccd == *parseCard(kCccd7, today())->cccd);
    auto c11 = parseCard(fullwidth(kCccd11), today());
    REQUIRE(c11.ok());
    CHECK(c11->cccd->layout == CccdLayout::Fields11);
    CHECK(classifyPayload(fullwidth(kCccd7)) == CardKind::Cccd);
    // Fullwidth sentinel too.
    std::string bhyt = kBhytOld.substr(0, kBhytOld.size() - 1) + "\xEF\xBC\x84";
    auto b = parseCard(bhyt, today());
    REQUIRE(b.ok());
    CHECK(*b->bhyt == *parseCard(kBhytOld, today())->bhyt);
}

TEST_CASE("decomposed (NFD) names come out composed (NFC)", "[idcard][normalise]") {
    // "Nguyễn" with e + U+0302 + U+0303, "Văn" with a + U+0306.
    const std::string nfd = "Nguye\u0302\u0303n Va\u0306n An";
    auto r = parseCard(idcard_test::withField(kCccd7, 2, nfd), today());
    REQUIRE(r.ok());
    CHECK(r->cccd->fullName == "Nguy\u1EC5n V\u0103n An");
    auto g = parseCard(idcard_test::withField(kCccd7, 4, "Nu\u031B\u0303"), today()); // Nữ decomposed
    REQUIRE(g.ok());
    CHECK(g->cccd->gender == Gender::Female);
    auto b = parseCard(idcard_test::withField(kBhytNew, 1, encodeHex(nfd)), today());
    REQUIRE(b.ok());
    CHECK(b->bhyt->fullName == "Nguy\u1EC5n V\u0103n An");
}

TEST_CASE("empty fields are never collapsed", "[idcard][normalise]") {
    // "||" in the middle (empty old CMND) keeps field positions: the name stays field 2.
    auto r = parseCard(kCccd11, today());
    REQUIRE(r.ok());
    CHECK(r->cccd->fullName == "Tr\u1EA7n Th\u1ECB B\u00ECnh");
    // Dropping one empty field changes the shape: 10 fields is no card we know.
    const std::string shorter = kCccd11.substr(0, kCccd11.size() - 1);
    CHECK(classifyPayload(shorter) == CardKind::Unknown);
    auto u = parseCard(shorter, today());
    REQUIRE(u.ok());
    CHECK(u->kind == CardKind::Unknown);
    // A CR/LF between empty fields is stripped, the fields stay.
    auto crlf = parseCard("001305012345|\r\n|Tr\u1EA7n Th\u1ECB B\u00ECnh|02022005|N\u1EEF|5 Ph\u1ED1 Hu\u1EBF, H\u00E0 N\u1ED9i|01072024||||",
                          today());
    REQUIRE(crlf.ok());
    CHECK(crlf->cccd->oldIdNumber.empty());
}

TEST_CASE("unknown payloads keep the raw text and are never guessed at", "[idcard][unknown]") {
    for (const std::string& text :
         {std::string(), std::string("hello"), std::string("https://example.invalid/q?x=1"),
          std::string("07909000123|025123456|An|15031990|Nam|HCM|10052021"),          // 11-digit id
          std::string("079090001234|025123456|An|15031990|Nam|HCM"),                 // 6 fields
          std::string("079090001234|025123456|An|15031990|Nam|HCM|10052021|x"),      // 8 fields
          kBhytNew.substr(0, kBhytNew.size() - 2),                                    // no sentinel
          kBhytNew.substr(0, kBhytNew.size() - 1) + "x|$",                            // 18 parts
          std::string("a|b|c|d|e|f|g|h|i|j|k|l|m|n|$|"),                               // sentinel not last
          std::string("\xFF\xFE|\x80")}) {
        CHECK(classifyPayload(text) == CardKind::Unknown);
        auto r = parseCard(text, today());
        REQUIRE(r.ok());
        CHECK(r->kind == CardKind::Unknown);
        CHECK_FALSE(r->cccd.has_value());
        CHECK_FALSE(r->bhyt.has_value());
        CHECK(r->warnings.empty());
        CHECK(r->rawText == text);
        CHECK(cardKindName(r->kind) == "unknown");
    }
}

TEST_CASE("classifyPayload tells the cards apart by shape", "[idcard][classify]") {
    CHECK(classifyPayload(kCccd7) == CardKind::Cccd);
    CHECK(classifyPayload(kCccd11) == CardKind::Cccd);
    CHECK(classifyPayload(kBhytNew) == CardKind::Bhyt);
    CHECK(classifyPayload(kBhytOld) == CardKind::Bhyt);
    // Shape is enough: a BHYT-shaped payload with a bad field is still BHYT (and an error).
    const std::string bad = idcard_test::withField(kBhytNew, 2, "31/02/1990");
    CHECK(classifyPayload(bad) == CardKind::Bhyt);
    CHECK_FALSE(parseCard(bad, today()).ok());
}

TEST_CASE("fullwidth digits become ASCII inside text fields too, other text keeps NFC", "[idcard][normalise]") {
    CHECK(normalizePayload("\xEF\xBC\x91\xEF\xBC\x92 Ph\u1ED1") == "12 Ph\u1ED1");
    // A fullwidth letter is not a digit: text fields only get NFC.
    auto r = parseCard(idcard_test::withField(kCccd7, 5, "\xEF\xBC\xA1 \xEF\xBC\x91"), today());
    REQUIRE(r.ok());
    CHECK(r->cccd->address == "\xEF\xBC\xA1 1");
}

TEST_CASE("stripping never leaves a BOM or fullwidth bar behind", "[idcard][normalise]") {
    using namespace std::string_literals;
    CHECK(normalizePayload("a\xEF\xBB\0\xBF" "b"s) == "ab");                 // NUL inside a BOM
    CHECK(normalizePayload("a\xEF\xEF\xBB\xBF\xBD\x9C" "b") == "a|b");      // BOM inside a fullwidth bar
    CHECK(normalizePayload("\xEF\r\xBC\n\x91") == "1");                     // CR/LF inside a fullwidth digit
}
