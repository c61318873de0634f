#include "common/result.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>

using bhxh::Error;
using bhxh::Result;

TEST_CASE("Result holds a value or an error", "[common][result]") {
    Result<int> good = 42;
    REQUIRE(good.ok());
    CHECK(*good == 42);

    Result<int> bad = bhxh::makeError("x.y", "went wrong");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "x.y");
    CHECK(bad.error().describe() == "x.y: went wrong");
}

TEST_CASE("Result moves its value out", "[common][result]") {
    Result<std::unique_ptr<std::string>> r = std::make_unique<std::string>("moved");
    auto owned = std::move(r).value();
    REQUIRE(owned);
    CHECK(*owned == "moved");
}

TEST_CASE("Result<void> reports success or failure", "[common][result]") {
    Result<void> ok;
    CHECK(ok.ok());
    Result<void> failed = Error{"disk.full", "no space"};
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == "no space");
}
