#include "common/bounded_json.h"

#include <catch2/catch.hpp>
#include <string>

using bhxh::json::Limits;
using bhxh::json::parseBounded;

namespace {

std::string nested(std::size_t depth, const std::string& open, const std::string& close, const std::string& inner) {
    std::string text;
    text.reserve(depth * (open.size() + close.size()) + inner.size());
    for (std::size_t i = 0; i < depth; ++i) text += open;
    text += inner;
    for (std::size_t i = 0; i < depth; ++i) text += close;
    return text;
}

} // namespace

TEST_CASE("bounded JSON reads what is within the limits", "[common][bounded_json]") {
    auto ok = parseBounded(R"({"a": [1, 2, {"b": "c"}], "d": null})", Limits{}, "test");
    REQUIRE(ok.ok());
    CHECK((*ok)["a"][2]["b"] == "c");
    auto at = parseBounded(nested(64, "[", "]", "1"), Limits{}, "test");
    CHECK(at.ok());
}

TEST_CASE("bounded JSON refuses nesting beyond the depth before building it", "[common][bounded_json]") {
    // 100,000 levels: nlohmann's own parse builds it, and dump() then recurses once per level.
    for (const auto& [open, close] : {std::pair<std::string, std::string>{R"({"adjust":)", "}"}, {"[", "]"}}) {
        auto deep = parseBounded(nested(100'000, open, close, "null"), Limits{}, "declaration page", "portal.bad_response");
        REQUIRE_FALSE(deep.ok());
        CHECK(deep.error().code == "portal.bad_response");
        CHECK(deep.error().message.find("nested deeper than 64 levels") != std::string::npos);
        CHECK(deep.error().message.rfind("declaration page: ", 0) == 0);
    }
    auto justOver = parseBounded(nested(65, "[", "]", "1"), Limits{}, "test");
    CHECK_FALSE(justOver.ok());
}

TEST_CASE("bounded JSON refuses a text larger than the size limit", "[common][bounded_json]") {
    Limits limits;
    limits.maxBytes = 1024;
    auto big = parseBounded("\"" + std::string(2000, 'a') + "\"", limits, "profile");
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().message.find("larger than 1 KB") != std::string::npos);
}

TEST_CASE("bounded JSON names the place of a string beyond the limit and never quotes it", "[common][bounded_json]") {
    Limits limits;
    limits.maxStringBytes = 100;
    const std::string secret(200, 'x');
    auto long_ = parseBounded(R"({"items": [{"a": 1}, {"full_name": ")" + secret + R"("}]})", limits, "page");
    REQUIRE_FALSE(long_.ok());
    CHECK(long_.error().message == "page: items[1].full_name is a string longer than 100 bytes");
    CHECK(long_.error().message.find("xxx") == std::string::npos);
}

TEST_CASE("bounded JSON refuses too many values and malformed text", "[common][bounded_json]") {
    Limits limits;
    limits.maxValues = 10;
    CHECK_FALSE(parseBounded("[1,2,3,4,5,6,7,8,9,10,11]", limits, "t").ok());
    CHECK(parseBounded("[1,2,3,4,5,6,7,8,9]", limits, "t").ok());
    auto bad = parseBounded(R"({"a": )", Limits{}, "t", "x.bad");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "x.bad");
    CHECK(bad.error().message.find("not valid JSON") != std::string::npos);
    CHECK_FALSE(parseBounded("", Limits{}, "t").ok());
    CHECK_FALSE(parseBounded("1 2", Limits{}, "t").ok());
}
