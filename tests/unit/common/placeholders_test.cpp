#include "common/placeholders.h"

#include <catch2/catch.hpp>

using namespace bhxh::text;

namespace {
std::string upper(const std::string& s) {
    std::string out = s;
    for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return out;
}
} // namespace

TEST_CASE("placeholders: every {name} is replaced by its escaped value in one pass", "[common][placeholders]") {
    auto out = fillPlaceholders("Hồ sơ {dossier_no} của {full_name}; lại {dossier_no}.",
                                {{"dossier_no", "07916-2026-000123"}, {"full_name", "Biên"}});
    REQUIRE(out.ok());
    CHECK(*out == "Hồ sơ 07916-2026-000123 của Biên; lại 07916-2026-000123.");

    // A value is not read again for placeholders (a citizen's name cannot pull in the password).
    auto once = fillPlaceholders("{a} {b}", {{"a", "{b}"}, {"b", "secret"}});
    REQUIRE(once.ok());
    CHECK(*once == "{b} secret");

    auto escaped = fillPlaceholders("<p>{x}</p>", {{"x", "abc"}}, upper);
    REQUIRE(escaped.ok());
    CHECK(*escaped == "<p>ABC</p>");
}

TEST_CASE("placeholders: a brace that does not open a name is plain text", "[common][placeholders]") {
    auto out = fillPlaceholders("{ not one } {} {a-b} {x", {});
    REQUIRE(out.ok());
    CHECK(*out == "{ not one } {} {a-b} {x");
    CHECK(placeholderNames("{ a } {b}{c_1} {b}") == std::vector<std::string>{"b", "c_1", "b"});
}

TEST_CASE("placeholders: a missing value is refused or kept as asked", "[common][placeholders]") {
    auto refused = fillPlaceholders("Mật khẩu: {initial_password}", {});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "placeholder.missing");
    CHECK(refused.error().message.find("{initial_password}") != std::string::npos);

    auto kept = fillPlaceholders("{seconds} giây (lần {attempt})", {{"seconds", "5"}}, nullptr, MissingValue::Keep);
    REQUIRE(kept.ok());
    CHECK(*kept == "5 giây (lần {attempt})");
}

TEST_CASE("placeholders: the old doubled form is refused naming what to write", "[common][placeholders]") {
    for (auto missing : {MissingValue::Refuse, MissingValue::Keep}) {
        auto old = fillPlaceholders("Kính gửi {{full_name}},", {{"full_name", "Biên"}}, nullptr, missing);
        REQUIRE_FALSE(old.ok());
        CHECK(old.error().code == "placeholder.old_syntax");
        CHECK(old.error().message.find("{{full_name}}") != std::string::npos);
        CHECK(old.error().message.find("written {full_name}") != std::string::npos);
    }
    CHECK_FALSE(checkPlaceholderSyntax("a {{b").ok());
    CHECK(checkPlaceholderSyntax("a {b} }} c").ok());
}
