#include "common/worker.h"
#include "scan/latest_frame_slot.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using bhxh::scan::Frame;
using bhxh::scan::LatestFrameSlot;
using namespace std::chrono_literals;

namespace {
Frame frame(std::int64_t index) {
    Frame f;
    f.index = index;
    f.image = cv::Mat(4, 4, CV_8UC1, cv::Scalar(static_cast<double>(index % 256)));
    return f;
}
} // namespace

TEST_CASE("a newer frame replaces the one not yet taken", "[slot]") {
    LatestFrameSlot slot;
    slot.put(frame(1));
    slot.put(frame(2));
    slot.put(frame(3));
    std::stop_source stop;
    auto f = slot.take(stop.get_token(), 10ms);
    REQUIRE(f.has_value());
    CHECK(f->index == 3);
    CHECK(slot.droppedCount() == 2);
    CHECK_FALSE(slot.take(stop.get_token(), 1ms).has_value());
}

TEST_CASE("take returns when stop is requested or the slot closes", "[slot]") {
    LatestFrameSlot slot;
    std::stop_source stop;
    std::thread t([&] { std::this_thread::sleep_for(20ms); stop.request_stop(); });
    CHECK_FALSE(slot.take(stop.get_token(), 10s).has_value());
    t.join();
    std::stop_source other;
    slot.close();
    CHECK_FALSE(slot.take(other.get_token(), 10s).has_value());
    CHECK(slot.closed());
}

TEST_CASE("under load the reader sees increasing frames and never a backlog", "[slot]") {
    LatestFrameSlot slot;
    constexpr std::int64_t kFrames = 20000;
    std::vector<std::int64_t> seen;
    bhxh::Worker reader("slot-reader");
    reader.start([&](std::stop_token stop) {
        while (auto f = slot.take(stop, 1s)) {
            seen.push_back(f->index);
            std::this_thread::sleep_for(50us);  // a slow decoder
        }
    });
    {
        bhxh::Worker writer("slot-writer");
        writer.start([&](std::stop_token) {
            for (std::int64_t i = 0; i < kFrames; ++i) slot.put(frame(i));
            slot.close();
        });
    }
    reader.stop();
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back() == kFrames - 1);  // the newest frame is always delivered
    for (std::size_t i = 1; i < seen.size(); ++i) REQUIRE(seen[i] > seen[i - 1]);
    CHECK(seen.size() + slot.droppedCount() == static_cast<std::size_t>(kFrames));
    CHECK(slot.putCount() == static_cast<std::uint64_t>(kFrames));
}
