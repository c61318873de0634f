#include "ui_model/font_locator.h"
#include "ui/glyph_ranges.h"
#include "ui_model/lang_catalog.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace bhxh::ui;

namespace {
const std::string kVietnamese = "Nguyễn Thành Biên — “Quận 6” Đặng Thị Ửng ₫";

std::vector<std::string> allTexts() {
    auto catalog = LangCatalog::loadDirectory(std::filesystem::path(BHXH_SOURCE_DIR) / "assets" / "lang");
    REQUIRE(catalog.ok());
    std::vector<std::string> texts;
    catalog->forEachText([&](const std::string& t) { texts.push_back(t); });
    return texts;
}
} // namespace

TEST_CASE("A system font with every Vietnamese glyph is found", "[ui][font]") {
    auto font = FontLocator::find({"Noto Sans", "DejaVu Sans"}, kVietnamese);
    REQUIRE(font.ok());
    CHECK(std::filesystem::exists(*font));
    CHECK(FontLocator::covers(*font, kVietnamese));
}

TEST_CASE("DejaVu Sans is a working fallback", "[ui][font]") {
    auto font = FontLocator::find({"No Such Font Family", "DejaVu Sans"}, kVietnamese);
    REQUIRE(font.ok());
    CHECK(font->filename().string().find("DejaVuSans") != std::string::npos);
}

TEST_CASE("A font that is not installed is reported, not silently replaced", "[ui][font]") {
    auto font = FontLocator::find({"No Such Font Family"}, kVietnamese);
    REQUIRE_FALSE(font.ok());
    CHECK(font.error().message.find("No Such Font Family") != std::string::npos);
}

TEST_CASE("The glyph ranges cover Vietnamese, its punctuation and every UI string", "[ui][font]") {
    const auto texts = allTexts();
    GlyphRanges ranges(texts);
    for (unsigned cp : {0x1EA0u, 0x1EC5u, 0x1EF9u, 0x0111u, 0x0110u, 0x01B0u, 0x2013u, 0x2014u, 0x201Cu, 0x201Du,
                        0x2026u, 0x20ABu}) {
        INFO("U+" << std::hex << cp);
        CHECK(ranges.contains(cp));
    }
    CHECK_FALSE(ranges.contains(0x4E00u));  // CJK is not baked in
}

TEST_CASE("Noto Sans is the UI font and covers every Vietnamese letter", "[ui][font]") {
    const auto fonts = FontLocator::findAll({"Noto Sans", "DejaVu Sans"}, FontLocator::vietnameseSample());
    REQUIRE(fonts.size() == 2);
    CHECK(fonts.front().filename() == "NotoSans-Regular.ttf");
}

TEST_CASE("Every character of every UI text is in the UI font or a merged fallback", "[ui][font]") {
    const auto fonts = FontLocator::findAll({"Noto Sans", "DejaVu Sans"}, FontLocator::vietnameseSample());
    std::string all;
    for (const auto& t : allTexts()) all += t;
    const unsigned int missing = FontLocator::firstUncovered(fonts, all);
    INFO("U+" << std::hex << missing);
    CHECK(missing == 0);
    // The check can fail: a character no installed font has.
    CHECK(FontLocator::firstUncovered(fonts, "abc \xF0\x9F\x9B\xB8") == 0x1F6F8u);  // 🛸
}
