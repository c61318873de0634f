#include "common/stop_wait.h"

#include <catch2/catch.hpp>
#include <thread>

using namespace std::chrono_literals;

TEST_CASE("waitUnlessStopped waits the whole time when nobody stops it", "[stop_wait]") {
    const auto start = std::chrono::steady_clock::now();
    CHECK(bhxh::waitUnlessStopped({}, 50ms));
    CHECK(std::chrono::steady_clock::now() - start >= 50ms);
}

TEST_CASE("waitUnlessStopped ends at once when stop is requested from another thread", "[stop_wait]") {
    std::stop_source source;
    std::thread stopper([&] {
        std::this_thread::sleep_for(50ms);
        source.request_stop();
    });
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(bhxh::waitUnlessStopped(source.get_token(), 60s));
    // Far below the 60 s asked for: the stop ended the wait (a plain sleep_for would not).
    CHECK(std::chrono::steady_clock::now() - start < 30s);
    stopper.join();
    CHECK_FALSE(bhxh::waitUnlessStopped(source.get_token(), 60s));  // already stopped: no wait
}
