#include "scan/payload_dedup.h"

#include <catch2/catch.hpp>

using bhxh::scan::PayloadDedup;
using namespace std::chrono_literals;

TEST_CASE("the same payload within the window is dropped, after it is accepted again", "[dedup]") {
    PayloadDedup dedup(1000ms);
    const PayloadDedup::Clock::time_point t0{};
    CHECK(dedup.accept("A", t0));
    CHECK_FALSE(dedup.accept("A", t0 + 400ms));
    CHECK(dedup.accept("B", t0 + 500ms));
    // Each sighting restarts the window: a card left in view is reported once.
    CHECK_FALSE(dedup.accept("A", t0 + 1300ms));
    CHECK(dedup.accept("A", t0 + 2400ms));
}

TEST_CASE("reset forgets recent payloads", "[dedup]") {
    PayloadDedup dedup(5000ms);
    const PayloadDedup::Clock::time_point t0{};
    CHECK(dedup.accept("A", t0));
    dedup.reset();
    CHECK(dedup.accept("A", t0 + 1ms));
}
