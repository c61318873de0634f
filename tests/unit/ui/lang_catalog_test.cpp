#include "ui_model/lang_catalog.h"

#include "common/unicode_text.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <limits>

using bhxh::ui::LangCatalog;

namespace {
const std::filesystem::path kLangDir = std::filesystem::path(BHXH_SOURCE_DIR) / "assets" / "lang";
} // namespace

TEST_CASE("Every UI key exists in every language", "[ui][lang]") {
    auto catalog = LangCatalog::loadDirectory(kLangDir);
    REQUIRE(catalog.ok());
    const auto languages = catalog->languages();
    REQUIRE(languages.size() >= 2);
    CHECK(languages.front() == "vi");
    for (const auto& a : languages) {
        for (const auto& b : languages) {
            if (a == b) continue;
            const auto missing = catalog->missingKeys(a, b);
            INFO("keys in " << a << ".json missing from " << b << ".json");
            for (const auto& key : missing) UNSCOPED_INFO(key);
            CHECK(missing.empty());
        }
    }
}

TEST_CASE("Every UI text is NFC and non-empty", "[ui][lang]") {
    auto catalog = LangCatalog::loadDirectory(kLangDir);
    REQUIRE(catalog.ok());
    int count = 0;
    catalog->forEachText([&](const std::string& t) {
        ++count;
        CHECK_FALSE(t.empty());
        CHECK(bhxh::text::isNfc(t));
    });
    CHECK(count > 20);
}

TEST_CASE("The parity check catches a key missing from one language", "[ui][lang]") {
    LangCatalog catalog;
    REQUIRE(catalog.addLanguage("vi", R"({"a": "Một", "b": "Hai"})", "vi").ok());
    REQUIRE(catalog.addLanguage("en", R"({"a": "One"})", "en").ok());
    CHECK(catalog.missingKeys("vi", "en") == std::vector<std::string>{"b"});
    CHECK(catalog.missingKeys("en", "vi").empty());
}

TEST_CASE("Texts are normalised to NFC at load", "[ui][lang]") {
    LangCatalog catalog;
    REQUIRE(catalog.addLanguage("vi", "{\"name\": \"Nguye\\u0302\\u0303n\"}", "vi").ok());
    CHECK(std::string(catalog.tr("name")) == "Nguy\xE1\xBB\x85n");
}

TEST_CASE("Language switch, fallback to Vietnamese, and the key for a missing text", "[ui][lang]") {
    LangCatalog catalog;
    REQUIRE(catalog.addLanguage("vi", R"({"hello": "Xin chào", "only_vi": "Chỉ có tiếng Việt"})", "vi").ok());
    REQUIRE(catalog.addLanguage("en", R"({"hello": "Hello"})", "en").ok());
    CHECK(std::string(catalog.tr("hello")) == "Xin chào");
    REQUIRE(catalog.setLanguage("en"));
    CHECK(std::string(catalog.tr("hello")) == "Hello");
    CHECK(std::string(catalog.tr("only_vi")) == "Chỉ có tiếng Việt");
    CHECK(std::string(catalog.tr("no.such.key")) == "no.such.key");
    CHECK_FALSE(catalog.setLanguage("fr"));
    CHECK(catalog.language() == "en");
    CHECK(catalog.nextLanguage() == "vi");
}

TEST_CASE("Placeholders are filled", "[ui][lang]") {
    LangCatalog catalog;
    REQUIRE(catalog.addLanguage("vi", R"j({"about": "phiên bản {version} ({version})"})j", "vi").ok());
    CHECK(catalog.format("about", {{"version", "1.2"}}) == "phiên bản 1.2 (1.2)");
    // One pass, the notification templates' helper: a value is not read again; a placeholder
    // without an argument stays as written.
    REQUIRE(catalog.addLanguage("vi", R"j({"t": "{a} {b} {c}"})j", "vi").ok());
    CHECK(catalog.format("t", {{"a", "{b}"}, {"b", "2"}}) == "{b} 2 {c}");
}

TEST_CASE("Bad language files are refused with the file and key named", "[ui][lang]") {
    LangCatalog catalog;
    auto notJson = catalog.addLanguage("vi", "{ nope", "vi.json");
    REQUIRE_FALSE(notJson.ok());
    CHECK(notJson.error().message.find("vi.json") != std::string::npos);

    auto notString = catalog.addLanguage("vi", R"({"count": 3})", "vi.json");
    REQUIRE_FALSE(notString.ok());
    CHECK(notString.error().message.find("count") != std::string::npos);

    auto badUtf8 = catalog.addLanguage("vi", "{\"k\": \"\xC3\"}", "vi.json");
    CHECK_FALSE(badUtf8.ok());

    auto doubled = catalog.addLanguage("vi", R"({"about": "phiên bản {{version}}"})", "vi.json");
    REQUIRE_FALSE(doubled.ok());
    CHECK(doubled.error().code == "lang.bad_placeholder");
    CHECK(doubled.error().message.find("about") != std::string::npos);
}

TEST_CASE("Counts are grouped by thousands as each language writes them", "[ui][lang]") {
    auto catalog = LangCatalog::loadDirectory(kLangDir);
    REQUIRE(catalog.ok());
    REQUIRE(catalog->setLanguage("vi"));
    CHECK(catalog->number(0) == "0");
    CHECK(catalog->number(999) == "999");
    CHECK(catalog->number(6000) == "6.000");
    CHECK(catalog->number(100002) == "100.002");
    CHECK(catalog->number(1234567) == "1.234.567");
    CHECK(catalog->number(-1234) == "-1.234");
    CHECK(catalog->number(std::numeric_limits<std::int64_t>::min()) == "-9.223.372.036.854.775.808");
    REQUIRE(catalog->setLanguage("en"));
    CHECK(catalog->number(6000) == "6,000");
}
