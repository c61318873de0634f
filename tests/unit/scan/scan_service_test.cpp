#include "qr_fixture.h"
#include "scan/scan_service.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace bhxh::scan;
using namespace std::chrono_literals;

namespace {

// Collects events from the worker threads; waits for a condition with a generous deadline
// (the deadline only bounds a failing test, it is not a timing assertion).
struct Recorder {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<ScanEvent> scans;
    std::vector<ScanEvent> detections;
    std::vector<CameraStateEvent> states;
    std::vector<PreviewFrame> previews;

    ScanService::Callbacks callbacks() {
        return {[this](const ScanEvent& e) { add(scans, e); }, [this](const ScanEvent& e) { add(detections, e); },
                [this](const CameraStateEvent& e) { add(states, e); }, [this](PreviewFrame f) { add(previews, f); }};
    }
    template <class T>
    void add(std::vector<T>& v, const T& e) {
        {
            std::lock_guard lock(mutex);
            v.push_back(e);
        }
        changed.notify_all();
    }
    template <class Pred>
    bool waitFor(Pred pred) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, 60s, [&] { return pred(); });
    }
    bool sawState(CameraState s) {
        for (const auto& e : states)
            if (e.state == s) return true;
        return false;
    }
};

cv::Mat cardImage(const std::string& payload, std::uint64_t seed) {
    fixture::FrameSpec spec;
    spec.size = {800, 600};
    spec.modulePx = 4;
    spec.seed = seed;
    return fixture::makeFrame(payload, spec).image;
}

// A finite list of frames; each read waits until the decoder has finished the previous frame,
// so no frame is dropped by the latest-frame slot and the test is deterministic.
class GatedSource : public FrameSource {
public:
    GatedSource(std::vector<cv::Mat> frames, const ScanService*& service) : m_frames(std::move(frames)), m_service(service) {}
    bhxh::Result<void> open() override { return {}; }
    ReadResult read() override {
        ReadResult r;
        if (m_next >= m_frames.size()) {
            r.status = ReadStatus::EndOfStream;
            return r;
        }
        while (m_service->framesDecoded() < m_next) std::this_thread::sleep_for(1ms);
        r.status = ReadStatus::Frame;
        r.frame.image = m_frames[m_next];
        r.frame.index = static_cast<std::int64_t>(m_next++);
        r.frame.capturedAt = std::chrono::steady_clock::now();
        r.frame.origin = "gated";
        return r;
    }
    void close() override {}
    std::string describe() const override { return "gated"; }
    bool isLive() const override { return false; }

private:
    std::vector<cv::Mat> m_frames;
    std::size_t m_next = 0;
    const ScanService*& m_service;
};

// A camera that delivers frames, is unplugged (reads fail, then reopening fails), and comes back.
class FlakyCamera : public FrameSource {
public:
    explicit FlakyCamera(cv::Mat image) : m_image(std::move(image)) {}
    bhxh::Result<void> open() override {
        ++opens;
        if (opens >= 2 && opens <= 3) return bhxh::makeError("scan.camera_unavailable", "camera 9: cannot be opened");
        m_reads = 0;
        return {};
    }
    ReadResult read() override {
        ReadResult r;
        ++m_reads;
        if (opens == 1 && m_reads > 3) {  // unplugged after three frames
            r.error = "camera 9: read failed";
            return r;
        }
        std::this_thread::sleep_for(2ms);
        r.status = ReadStatus::Frame;
        r.frame.image = m_image;
        r.frame.index = m_reads;
        r.frame.capturedAt = std::chrono::steady_clock::now();
        r.frame.origin = "camera 9";
        return r;
    }
    void close() override {}
    std::string describe() const override { return "camera 9"; }
    bool isLive() const override { return true; }
    std::atomic<int> opens{0};

private:
    cv::Mat m_image;
    int m_reads = 0;
};

// A short "video" that starts again at every open(), counting the opens.
class RewindingSource : public FrameSource {
public:
    RewindingSource(cv::Mat image, std::size_t frames) : m_image(std::move(image)), m_frames(frames) {}
    bhxh::Result<void> open() override {
        ++opens;
        m_next = 0;
        return {};
    }
    ReadResult read() override {
        ReadResult r;
        if (m_next >= m_frames) {
            r.status = ReadStatus::EndOfStream;
            return r;
        }
        std::this_thread::sleep_for(1ms);
        r.status = ReadStatus::Frame;
        r.frame.image = m_image;
        r.frame.index = static_cast<std::int64_t>(m_next++);
        r.frame.capturedAt = std::chrono::steady_clock::now();
        r.frame.origin = "rewinding";
        return r;
    }
    void close() override {}
    std::string describe() const override { return "rewinding"; }
    bool isLive() const override { return false; }
    std::atomic<int> opens{0};

private:
    cv::Mat m_image;
    std::size_t m_frames;
    std::size_t m_next = 0;
};

ScanServiceOptions fastOptions() {
    ScanServiceOptions o;
    o.dedupWindow = 60s;
    o.retryInitial = 5ms;
    o.retryMax = 20ms;
    o.failuresBeforeLoss = 3;
    return o;
}

} // namespace

TEST_CASE("frames from a source are decoded once per payload, with corners and timings", "[service]") {
    Recorder rec;
    const std::string a = fixture::kCccdExample, b = fixture::kBhytExample;
    const ScanService* servicePtr = nullptr;
    ScanService service(fastOptions(), rec.callbacks());
    servicePtr = &service;
    cv::Mat blank(600, 800, CV_8UC3, cv::Scalar(128, 128, 128));
    service.start(std::make_unique<GatedSource>(
        std::vector<cv::Mat>{cardImage(a, 1), cardImage(a, 2), blank, cardImage(b, 3), cardImage(a, 4)}, servicePtr));
    REQUIRE(rec.waitFor([&] { return rec.sawState(CameraState::Ended) && service.framesDecoded() == 5; }));
    service.stop();

    std::lock_guard lock(rec.mutex);
    REQUIRE(rec.scans.size() == 2);
    CHECK(rec.scans[0].text == a);
    CHECK(rec.scans[0].frameIndex == 0);
    CHECK(rec.scans[1].text == b);
    CHECK(rec.scans[1].frameIndex == 3);
    for (const auto& s : rec.scans) {
        CHECK(s.origin == ScanOrigin::Camera);
        CHECK(s.decodeMs > 0);
        CHECK(s.latencyMs >= s.decodeMs);
        for (const auto& p : s.corners) {
            CHECK(p.x > 0);
            CHECK(p.x < 800);
            CHECK(p.y > 0);
            CHECK(p.y < 600);
        }
    }
    REQUIRE(rec.detections.size() == 4);  // the overlay sees every decode, duplicates flagged
    CHECK_FALSE(rec.detections[0].duplicate);
    CHECK(rec.detections[1].duplicate);
    CHECK(rec.detections[3].duplicate);
    CHECK(rec.states.front().state == CameraState::Starting);
    CHECK(rec.states.back().state == CameraState::Stopped);
}

TEST_CASE("a lost camera is reported, retried with backoff, and scans again when it returns", "[service]") {
    Recorder rec;
    auto camera = std::make_unique<FlakyCamera>(cardImage(fixture::kBhytExample, 5));
    FlakyCamera& flaky = *camera;
    ScanService service(fastOptions(), rec.callbacks());
    service.start(std::move(camera));
    // Running, then lost (read failures), then two failed reopen attempts, then running again.
    REQUIRE(rec.waitFor([&] {
        int running = 0;
        for (const auto& e : rec.states) running += e.state == CameraState::Running;
        return running >= 2;
    }));
    REQUIRE(rec.waitFor([&] { return !rec.scans.empty(); }));
    service.stop();

    std::lock_guard lock(rec.mutex);
    std::vector<CameraStateEvent> lost;
    for (const auto& e : rec.states)
        if (e.state == CameraState::Lost) lost.push_back(e);
    REQUIRE(lost.size() >= 3);
    CHECK(lost[0].detail.find("read failed") != std::string::npos);
    CHECK(lost[1].detail.find("cannot be opened") != std::string::npos);
    CHECK(lost[0].attempt == 1);
    CHECK(lost[1].attempt == 2);
    CHECK(lost[1].retryIn > lost[0].retryIn);  // backoff grows
    CHECK(flaky.opens >= 4);
    CHECK(rec.scans.front().text == fixture::kBhytExample);
    CHECK(rec.states.back().state == CameraState::Stopped);
}

TEST_CASE("wedge scans go through the same dedup as the camera", "[service][wedge]") {
    Recorder rec;
    auto now = std::chrono::steady_clock::time_point{} + 1h;
    ScanServiceOptions options = fastOptions();
    options.dedupWindow = 2s;
    ScanService service(options, rec.callbacks());
    service.setClock([&now] { return now; });

    auto typeScan = [&](const std::string& text) {
        auto t = std::chrono::steady_clock::time_point{} + 10h;
        for (unsigned char c : text) service.wedgeKey(c, t += 3ms);  // ASCII payload here
        return service.wedgeEnter(t + 3ms);
    };
    const std::string payload = "7912345678|-|15/03/1990|1|-|$";
    CHECK(typeScan(payload));
    CHECK(typeScan(payload));  // a scan, but the same card within the window
    now += 3s;
    CHECK(typeScan(payload));

    std::lock_guard lock(rec.mutex);
    REQUIRE(rec.scans.size() == 2);
    CHECK(rec.scans[0].origin == ScanOrigin::Wedge);
    CHECK(rec.scans[0].text == payload);
    CHECK(rec.scans[0].frameIndex == -1);
}

TEST_CASE("a service on a missing file ends cleanly, and stop is idempotent", "[service]") {
    Recorder rec;
    ScanService service(fastOptions(), rec.callbacks());
    class Missing : public FrameSource {
    public:
        bhxh::Result<void> open() override { return bhxh::makeError("scan.unreadable", "gone.mp4: no such file"); }
        ReadResult read() override { return {}; }
        void close() override {}
        std::string describe() const override { return "gone.mp4"; }
        bool isLive() const override { return false; }
    };
    service.start(std::make_unique<Missing>());
    REQUIRE(rec.waitFor([&] { return rec.sawState(CameraState::Ended); }));
    service.stop();
    service.stop();
    std::lock_guard lock(rec.mutex);
    CHECK(rec.scans.empty());
}

TEST_CASE("a looping file source starts again at its end and gives shrunk RGBA previews", "[service][preview]") {
    Recorder rec;
    auto options = fastOptions();
    options.loopFiles = true;
    options.previewMaxWidth = 400;
    options.previewInterval = 0ms;
    ScanService service(options, rec.callbacks());
    auto source = std::make_unique<RewindingSource>(cardImage(fixture::kCccdExample, 3), 3);
    RewindingSource* raw = source.get();
    service.start(std::move(source));
    REQUIRE(rec.waitFor([&] { return raw->opens.load() >= 3 && rec.previews.size() >= 6; }));
    service.stop();
    std::lock_guard lock(rec.mutex);
    const PreviewFrame& p = rec.previews.front();
    CHECK(p.rgba.type() == CV_8UC4);
    CHECK(p.rgba.cols == 400);
    CHECK(p.sourceWidth == 800);
    CHECK(p.sourceHeight == 600);
    // The card left in view across the loops is still reported once.
    CHECK(rec.scans.size() == 1);
}

TEST_CASE("a looping source that gives no frame ends instead of spinning", "[service][preview]") {
    Recorder rec;
    auto options = fastOptions();
    options.loopFiles = true;
    ScanService service(options, rec.callbacks());
    auto source = std::make_unique<RewindingSource>(cv::Mat(), 0);
    RewindingSource* raw = source.get();
    service.start(std::move(source));
    REQUIRE(rec.waitFor([&] { return rec.sawState(CameraState::Ended); }));
    service.stop();
    CHECK(raw->opens.load() == 1);
}
