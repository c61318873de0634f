#include "common/cpu_pool.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <thread>

using namespace std::chrono_literals;

TEST_CASE("the pool runs jobs at the same time on its own threads", "[common][cpu_pool]") {
    bhxh::CpuPool pool("test-cpu", 2);
    REQUIRE(pool.threads() == 2);
    // Each job waits until the other has started: only two threads at once can finish them.
    std::latch both(2);
    std::promise<std::thread::id> a;
    std::promise<std::thread::id> b;
    pool.post([&] {
        both.arrive_and_wait();
        a.set_value(std::this_thread::get_id());
    });
    pool.post([&] {
        both.arrive_and_wait();
        b.set_value(std::this_thread::get_id());
    });
    auto fa = a.get_future();
    auto fb = b.get_future();
    REQUIRE(fa.wait_for(10s) == std::future_status::ready);
    REQUIRE(fb.wait_for(10s) == std::future_status::ready);
    const auto ta = fa.get();
    const auto tb = fb.get();
    CHECK(ta != tb);
    CHECK(ta != std::this_thread::get_id());
    CHECK(tb != std::this_thread::get_id());
}

TEST_CASE("stopping the pool finishes running jobs and drops the waiting ones", "[common][cpu_pool]") {
    std::atomic<int> ran{0};
    std::promise<void> started;
    std::promise<void> release;
    auto releaseFuture = release.get_future().share();
    {
        bhxh::CpuPool pool("test-cpu", 1);
        pool.post([&] {
            started.set_value();
            releaseFuture.wait();
            ++ran;
        });
        for (int i = 0; i < 10; ++i) pool.post([&ran] { ++ran; });
        started.get_future().wait();
        CHECK(pool.pending() == 11);
        std::thread releaser([&] {
            std::this_thread::sleep_for(50ms);
            release.set_value();
        });
        pool.stop();
        releaser.join();
        CHECK(pool.pending() == 0);
        pool.post([&ran] { ++ran; });  // after stop: dropped, never run
        CHECK(pool.pending() == 0);
    }
    CHECK(ran == 1);
}

TEST_CASE("a pool of zero threads gets one per core and at least one", "[common][cpu_pool]") {
    bhxh::CpuPool pool("test-cpu");
    CHECK(pool.threads() >= 1);
    CHECK(pool.threads() <= 4);
    std::promise<void> done;
    pool.post([&] { done.set_value(); });
    CHECK(done.get_future().wait_for(10s) == std::future_status::ready);
}
