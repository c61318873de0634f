#include "common/worker.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

TEST_CASE("Worker runs its body until stopped, then joins", "[common][worker]") {
    std::atomic<int> loops{0};
    std::atomic<bool> finished{false};
    {
        bhxh::Worker worker("test-worker");
        worker.start([&](std::stop_token token) {
            while (!token.stop_requested()) {
                ++loops;
                std::this_thread::sleep_for(1ms);
            }
            finished = true;
        });
        CHECK(worker.running());
        while (loops.load() < 3) std::this_thread::sleep_for(1ms);
        worker.stop();
        // stop() joined: the body has returned before stop() did.
        CHECK(finished.load());
        CHECK_FALSE(worker.running());
        worker.stop();  // twice is harmless
    }
    CHECK(loops.load() >= 3);
}

TEST_CASE("Worker's destructor stops and joins a blocked body", "[common][worker]") {
    std::atomic<bool> finished{false};
    {
        bhxh::Worker worker("blocked");
        worker.start([&](std::stop_token token) {
            std::mutex m;
            std::condition_variable_any cv;
            std::unique_lock lock(m);
            cv.wait(lock, token, [] { return false; });  // wakes only on stop
            finished = true;
        });
    }
    CHECK(finished.load());
}

TEST_CASE("A Worker never started stops cleanly", "[common][worker]") {
    bhxh::Worker worker;
    CHECK_FALSE(worker.running());
    worker.stop();
}
