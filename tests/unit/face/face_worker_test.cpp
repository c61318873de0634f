#include "fake_matcher.h"
#include "face/face_worker.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

using namespace bhxh::face;
using bhxh::face::test::bytes;

TEST_CASE("the face worker answers on its own thread through the callback", "[face][worker]") {
    test::FakeMatcher matcher;
    FaceWorker worker(matcher, BandPolicy{});
    std::promise<std::pair<bool, std::thread::id>> done;
    worker.submit({bytes("face:1,0"), bytes("face:1,0"), bytes("face:1,0")},
                  [&done](bhxh::Result<FaceEvidence> r) { done.set_value({r.ok(), std::this_thread::get_id()}); });
    auto future = done.get_future();
    REQUIRE(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    const auto [ok, thread] = future.get();
    CHECK(ok);
    CHECK(thread != std::this_thread::get_id());
}

TEST_CASE("with a main-thread queue the result runs only when the UI drains it", "[face][worker]") {
    test::FakeMatcher matcher;
    bhxh::MainThreadQueue queue;
    FaceWorker worker(matcher, BandPolicy{}, &queue);
    std::vector<std::string> errors;
    int answers = 0;
    for (const char* live : {"face:1,0", "bad"}) {
        worker.submit({bytes("face:1,0"), bytes(live), bytes("face:1,0")}, [&](bhxh::Result<FaceEvidence> r) {
            ++answers;
            if (!r) errors.push_back(r.error().code);
        });
    }
    CHECK(answers == 0);  // nothing runs on the worker thread
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (answers < 2 && std::chrono::steady_clock::now() < deadline) {
        queue.drain();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK(answers == 2);
    CHECK(errors == std::vector<std::string>{"face.unreadable_image"});
}

TEST_CASE("destroying the worker with jobs queued joins cleanly", "[face][worker]") {
    test::FakeMatcher matcher;
    bhxh::MainThreadQueue queue;
    {
        FaceWorker worker(matcher, BandPolicy{}, &queue);
        for (int i = 0; i < 50; ++i) worker.submit({bytes("face:1,0"), bytes("face:1,0"), bytes("face:1,0")}, [](auto) {});
    }
    CHECK(matcher.calls.load() <= 150);
    CHECK(matcher.calls.load() % 3 == 0);
}

TEST_CASE("new cut-offs apply to the checks submitted after them", "[face][worker]") {
    test::FakeMatcher matcher;
    FaceWorker worker(matcher, BandPolicy{});  // same at 0.48
    auto bandOf = [&worker] {
        std::promise<Band> done;
        // cos(portrait, live) = 0.707: "likely same" by default.
        worker.submit({bytes("face:1,0"), bytes("face:1,1"), bytes("face:1,0")}, [&done](bhxh::Result<FaceEvidence> r) {
            done.set_value(r ? r->pairs.at(0).band : Band::NoFace);
        });
        auto future = done.get_future();
        REQUIRE(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        return future.get();
    };
    CHECK(bandOf() == Band::Same);
    worker.setPolicy(BandPolicy(Thresholds{0.9, 0.8}));
    CHECK(bandOf() == Band::Different);
}
