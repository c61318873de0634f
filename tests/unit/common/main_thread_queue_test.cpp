#include "common/main_thread_queue.h"
#include "common/worker.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <thread>
#include <vector>

TEST_CASE("MainThreadQueue runs tasks in the order posted", "[common][queue]") {
    bhxh::MainThreadQueue queue;
    std::vector<int> seen;
    for (int i = 0; i < 5; ++i) queue.post([&seen, i] { seen.push_back(i); });
    CHECK(queue.pending() == 5);
    CHECK(queue.drain() == 5);
    CHECK(seen == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(queue.drain() == 0);
}

TEST_CASE("A task posted while draining runs in the next drain", "[common][queue]") {
    bhxh::MainThreadQueue queue;
    int runs = 0;
    std::function<void()> again;
    again = [&] { if (++runs < 3) queue.post(again); };
    queue.post(again);
    CHECK(queue.drain() == 1);
    CHECK(runs == 1);
    CHECK(queue.drain() == 1);
    CHECK(queue.drain() == 1);
    CHECK(runs == 3);
    CHECK(queue.drain() == 0);
}

TEST_CASE("MainThreadQueue under load: many producers, one consumer, nothing lost or reordered",
          "[common][queue][load]") {
    constexpr int kProducers = 16;
    constexpr int kPerProducer = 20000;
    bhxh::MainThreadQueue queue;
    std::atomic<int> wakeUps{0};
    queue.setWakeUp([&] { ++wakeUps; });

    std::map<int, int> lastSeen;  // producer → last sequence number run (UI thread only)
    int total = 0;
    bool ordered = true;

    std::vector<std::unique_ptr<bhxh::Worker>> producers;
    std::atomic<int> done{0};
    for (int p = 0; p < kProducers; ++p) {
        auto worker = std::make_unique<bhxh::Worker>("producer");
        worker->start([&, p](std::stop_token) {
            for (int i = 0; i < kPerProducer; ++i) {
                queue.post([&, p, i] {
                    auto it = lastSeen.find(p);
                    if (it != lastSeen.end() && it->second != i - 1) ordered = false;
                    lastSeen[p] = i;
                    ++total;
                });
            }
            ++done;
        });
        producers.push_back(std::move(worker));
    }
    // The consumer drains concurrently, as the UI thread does once per frame.
    while (done.load() < kProducers) queue.drain();
    queue.drain();
    for (auto& w : producers) w->stop();

    CHECK(total == kProducers * kPerProducer);
    CHECK(ordered);
    CHECK(wakeUps.load() == kProducers * kPerProducer);
    for (int p = 0; p < kProducers; ++p) CHECK(lastSeen[p] == kPerProducer - 1);
}
