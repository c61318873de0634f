// StopSignals: a SIGTERM sent to the process reaches the callback on the waiting thread, not a
// signal handler; the watcher stops and joins cleanly.
#include "common/stop_signals.h"

#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace bhxh;

TEST_CASE("SIGTERM and SIGINT reach the callback on the signal thread", "[common][signals]") {
    sigset_t before;
    pthread_sigmask(SIG_SETMASK, nullptr, &before);
    std::mutex mutex;
    std::condition_variable arrived;
    std::vector<int> seen;
    std::thread::id where;
    {
        StopSignals signals([&](int signal) {
            std::lock_guard lock(mutex);
            seen.push_back(signal);
            where = std::this_thread::get_id();
            arrived.notify_all();
        });
        for (int signal : {SIGTERM, SIGINT}) {
            REQUIRE(kill(getpid(), signal) == 0);  // to the process, as systemd and Ctrl+C do
            std::unique_lock lock(mutex);
            REQUIRE(arrived.wait_for(lock, std::chrono::seconds(10), [&] { return seen.size() >= (signal == SIGTERM ? 1u : 2u); }));
        }
    }  // joined here
    CHECK(seen == std::vector<int>{SIGTERM, SIGINT});
    CHECK(where != std::this_thread::get_id());
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
}
