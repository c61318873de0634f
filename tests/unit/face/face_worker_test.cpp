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
        // Three different pictures a check (a portrait that stands in for the live frame is
        // analysed once, and the matcher's cache answers a picture seen before), so every check
        // that ran costs exactly three analyses: a check cut in the middle would show.
        for (int i = 0; i < 50; ++i) {
            const std::string n = std::to_string(i + 1);
            worker.submit({bytes("face:" + n + ",1"), bytes("face:" + n + ",2"), bytes("face:" + n + ",3")}, [](auto) {});
        }
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

TEST_CASE("a worker that loads its matcher on its own thread makes a check wait for the load", "[face][worker]") {
    std::promise<void> release;
    auto gate = release.get_future().share();
    std::promise<bool> heard;
    FaceWorker worker(
        [gate]() -> bhxh::Result<std::unique_ptr<FaceMatcher>> {
            gate.wait();  // the constructor returned long before the models are there
            return std::unique_ptr<FaceMatcher>(std::make_unique<test::FakeMatcher>());
        },
        BandPolicy{}, nullptr, [&heard](bhxh::Result<void> loaded) { heard.set_value(loaded.ok()); });
    std::promise<bool> done;
    worker.submit({bytes("face:1,0"), bytes("face:1,0"), bytes("face:1,0")},
                  [&done](bhxh::Result<FaceEvidence> r) { done.set_value(r.ok() && r->pairs.size() == 3); });
    auto answer = done.get_future();
    CHECK(answer.wait_for(std::chrono::milliseconds(50)) == std::future_status::timeout);
    release.set_value();
    REQUIRE(answer.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CHECK(answer.get());
    CHECK(heard.get_future().get());
}

TEST_CASE("a matcher that fails to load answers every check with its error", "[face][worker]") {
    std::promise<std::string> heard;
    FaceWorker worker([]() -> bhxh::Result<std::unique_ptr<FaceMatcher>> {
        return bhxh::makeError("face.models_missing", "face model fr_detect.onnx is missing");
    }, BandPolicy{}, nullptr, [&heard](bhxh::Result<void> loaded) { heard.set_value(loaded ? "" : loaded.error().code); });
    std::promise<std::string> done;
    worker.submit({bytes("face:1,0"), bytes("face:1,0"), bytes("face:1,0")},
                  [&done](bhxh::Result<FaceEvidence> r) { done.set_value(r ? "" : r.error().message); });
    auto answer = done.get_future();
    REQUIRE(answer.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CHECK(answer.get() == "face model fr_detect.onnx is missing");
    CHECK(heard.get_future().get() == "face.models_missing");
}
