#include "common/job_thread.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

TEST_CASE("jobs run in the order posted, on the job thread", "[common][job_thread]") {
    bhxh::JobThread jobs("test-jobs");
    std::vector<int> order;  // written only by the job thread
    std::promise<std::thread::id> last;
    for (int i = 0; i < 100; ++i) jobs.post([&order, i] { order.push_back(i); });
    jobs.post([&last] { last.set_value(std::this_thread::get_id()); });
    auto future = last.get_future();
    REQUIRE(future.wait_for(10s) == std::future_status::ready);
    CHECK(future.get() != std::this_thread::get_id());
    REQUIRE(order.size() == 100);
    for (int i = 0; i < 100; ++i) CHECK(order[i] == i);
}

TEST_CASE("stopping finishes the running job and drops the waiting ones", "[common][job_thread]") {
    std::atomic<int> ran{0};
    std::promise<void> started;
    std::promise<void> release;
    auto releaseFuture = release.get_future().share();
    {
        bhxh::JobThread jobs("test-jobs");
        jobs.post([&] {
            started.set_value();
            releaseFuture.wait();
            ++ran;
        });
        for (int i = 0; i < 10; ++i) jobs.post([&ran] { ++ran; });
        started.get_future().wait();
        CHECK(jobs.pending() == 11);
        std::thread stopper([&jobs] { jobs.stop(); });
        std::this_thread::sleep_for(200ms);  // the stop request is in before the job ends
        release.set_value();
        stopper.join();
    }
    CHECK(ran.load() == 1);
}
