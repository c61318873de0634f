// Face pipeline figures on one core: model load, where one 640×480 frame's time goes (decode,
// detector, landmarks, embedder, liveness), one frame through CvFaceMatcher, and one three-way
// check (a detection per turn of the ID photo, only the winner embedded; the figures from
// before issue #21, when every turn was embedded, are in docs/face-calibration.md). CPU time is
// the calling thread's (CLOCK_THREAD_CPUTIME_ID), so waiting for a core on a shared machine does
// not count.
// Prints figures; run by hand, not by ctest:
//   build/<preset>/tests/bench/bench_face [FACES_DIR] [MODELS_DIR]
#include "face/adapters/cv_face_matcher.h"
#include "face/adapters/face_models.h"
#include "face/adapters/image_degrader.h"
#include "face/adapters/image_source.h"
#include "face/three_way_comparer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <iterator>
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

using namespace bhxh::face;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// The calling thread's CPU time (one OpenCV thread: the work is on this thread).
double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return 1000.0 * static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e6;
}

std::vector<std::uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A 640×480 frame with the photo's face in it, as a webcam would give; re-encoded with a
// changing pixel so that the sha256 cache never answers.
std::vector<std::uint8_t> frame640(const std::vector<std::uint8_t>& photo, int variant) {
    cv::Mat img = cv::imdecode(photo, cv::IMREAD_COLOR);
    cv::Mat out(480, 640, CV_8UC3, cv::Scalar(90, 90, 90));
    const double f = std::min(640.0 / img.cols, 480.0 / img.rows);
    cv::Mat scaled;
    cv::resize(img, scaled, cv::Size(), f, f);
    scaled.copyTo(out(cv::Rect((640 - scaled.cols) / 2, (480 - scaled.rows) / 2, scaled.cols, scaled.rows)));
    out.at<cv::Vec3b>(0, 0) = cv::Vec3b(static_cast<uchar>(variant), static_cast<uchar>(variant / 256), 0);
    std::vector<std::uint8_t> jpeg;
    cv::imencode(".jpg", out, jpeg);
    return jpeg;
}

double at(std::vector<double> t, double q) {
    std::sort(t.begin(), t.end());
    return t[std::min(t.size() - 1, static_cast<std::size_t>(q * double(t.size())))];
}

void report(const char* what, const std::vector<double>& t) {
    std::printf("%-52s median %6.1f ms   p95 %6.1f ms   min %6.1f ms   (n=%zu)\n", what, at(t, 0.5), at(t, 0.95),
                at(t, 0.0), t.size());
}

// CPU time of f, n times after two warm-up calls.
std::vector<double> timed(int n, const std::function<void()>& f) {
    f();
    f();
    std::vector<double> t;
    for (int i = 0; i < n; ++i) {
        const double c = cpuMs();
        f();
        t.push_back(cpuMs() - c);
    }
    return t;
}

// Where a frame's time goes: the same steps as CvFaceMatcher, each timed alone.
void profileStages(const std::string& models, const std::vector<std::uint8_t>& jpeg) {
    auto net = [&](const char* name) { return cv::dnn::readNetFromONNX(models + "/" + name); };
    cv::dnn::Net detect = net("fr_detect.onnx"), landmark = net("fr_landmark.onnx"), feature = net("fr_feature.onnx"),
                 liveness = net("fr_liveness.onnx");
    const cv::Mat bgr = cv::imdecode(jpeg, cv::IMREAD_COLOR);
    const cv::Rect face(bgr.cols / 2 - 100, bgr.rows / 2 - 120, 200, 200);
    std::printf("where one 640x480 frame's CPU time goes (each step alone):\n");
    report("  decode (decodeImage: header check, JPEG, grey test)", timed(30, [&] {
               (void)decodeImage(jpeg, ImageLimits{});
           }));
    report("  detector, 320x240 input (fixed by its 4420 priors)", timed(30, [&] {
               detect.setInput(cv::dnn::blobFromImage(bgr, 1.0 / 128.0, cv::Size(320, 240), cv::Scalar(127, 127, 127), true));
               std::vector<cv::Mat> outs;
               detect.forward(outs, std::vector<cv::String>{"scores", "boxes"});
           }));
    report("  68 landmarks, 64x64 grey input", timed(30, [&] {
               cv::Mat grey;
               cv::cvtColor(bgr(face), grey, cv::COLOR_BGR2GRAY);
               landmark.setInput(cv::dnn::blobFromImage(grey, 1.0 / 256.0, cv::Size(64, 64)));
               (void)landmark.forward();
           }));
    report("  align + 512-d embedding, 112x112 input", timed(30, [&] {
               cv::Mat aligned;
               const cv::Mat m = (cv::Mat_<double>(2, 3) << 0.56, 0, -face.x * 0.56, 0, 0.56, -face.y * 0.56);
               cv::warpAffine(bgr, aligned, m, cv::Size(112, 112));
               feature.setInput(cv::dnn::blobFromImage(aligned, 1.0 / 128.0, cv::Size(112, 112), cv::Scalar(127, 127, 127)));
               (void)feature.forward();
           }));
    report("  liveness, 128x128 input (live frame only)", timed(30, [&] {
               liveness.setInput(cv::dnn::blobFromImage(bgr(face), 1.0, cv::Size(128, 128), cv::Scalar(), true));
               (void)liveness.forward();
           }));
}

} // namespace

int main(int argc, char** argv) {
    const std::string faces = argc > 1 ? argv[1] : BHXH_FACES_DIR;
    const std::string models = argc > 2 ? argv[2] : defaultModelsDir().string();
    cv::setNumThreads(1);
    std::printf("OpenCV %s, cv::setNumThreads(1), models %s; CPU = this thread's CPU time\n", CV_VERSION, models.c_str());

    const auto t0 = Clock::now();
    auto hashes = verifyModels(models);
    const double hashMs = ms(t0);
    if (!hashes) {
        std::fprintf(stderr, "%s\n", hashes.error().message.c_str());
        return 1;
    }
    std::vector<double> loads;
    for (int i = 0; i < 5; ++i) {
        const auto t = Clock::now();
        auto m = CvFaceMatcher::load(models);
        loads.push_back(ms(t));
    }
    std::printf("sha256 check of the 4 model files: %.1f ms wall\n", hashMs);
    report("model load (sha256 check + 4 ONNX nets), wall", loads);

    const auto portrait = readBytes(faces + "/img1.jpg");
    const auto live = readBytes(faces + "/img2.jpg");
    const auto idPhoto = readBytes(faces + "/img4.jpg");
    if (portrait.empty() || live.empty() || idPhoto.empty()) {
        std::fprintf(stderr, "photos not found in %s (img1/img2/img4.jpg)\n", faces.c_str());
        return 1;
    }
    profileStages(models, frame640(live, 9999));

    CvFaceOptions noLiveness;
    noLiveness.liveness = false;
    noLiveness.cacheEntries = 0;
    auto plain = CvFaceMatcher::load(models, noLiveness);
    CvFaceOptions withLiveness;
    withLiveness.cacheEntries = 0;
    auto full = CvFaceMatcher::load(models, withLiveness);
    if (!plain || !full) return 1;
    for (int i = 0; i < 3; ++i) (void)(*plain)->analyze(frame640(live, 9000 + i), {});  // warm-up

    std::vector<double> embedOnly, withLive, embedCpu, liveCpu;
    for (int i = 0; i < 40; ++i) {
        const auto frame = frame640(live, i);
        auto t = Clock::now();
        double c = cpuMs();
        (void)(*plain)->analyze(frame, {});
        embedOnly.push_back(ms(t));
        embedCpu.push_back(cpuMs() - c);
        t = Clock::now();
        c = cpuMs();
        AnalyzeOptions liveFrame;
        liveFrame.liveness = true;
        (void)(*full)->analyze(frame, liveFrame);
        withLive.push_back(ms(t));
        liveCpu.push_back(cpuMs() - c);
    }
    report("640x480 frame: decode+detect+landmarks+embed, CPU", embedCpu);
    report("  the same, wall", embedOnly);
    report("640x480 frame: the same + liveness, CPU", liveCpu);
    report("  the same, wall", withLive);

    // The three-way check.
    struct Way {
        const char* name;
        std::unique_ptr<CvFaceMatcher> matcher;
        std::vector<double> upright, sideways, wall, noLive;
    };
    std::vector<Way> ways;
    {
        CvFaceOptions o;
        o.cacheEntries = 0;
        auto m = CvFaceMatcher::load(models, o);
        if (!m) return 1;
        ways.push_back(Way{"a detection per turn of the ID photo, the winner embedded", std::move(*m), {}, {}, {}, {}});
    }
    auto degraded = degradeImage(idPhoto);
    auto turned = rotateImage(*degraded, 90);
    if (!degraded || !turned) return 1;
    std::printf("three-way check (portrait and live 640x480, ID photo degraded; liveness on the live frame):\n");
    for (int i = 0; i < 15; ++i) {
        for (auto& way : ways) {
            ThreeWayComparer comparer(*way.matcher, BandPolicy{});
            const ThreeWayInput upright{frame640(portrait, 100 + i), frame640(live, 200 + i), *degraded};
            const ThreeWayInput sideways{frame640(portrait, 300 + i), frame640(live, 400 + i), *turned};
            auto t = Clock::now();
            double c = cpuMs();
            auto a = comparer.compare(upright);
            way.upright.push_back(cpuMs() - c);
            way.wall.push_back(ms(t));
            c = cpuMs();
            auto b = comparer.compare(sideways);
            way.sideways.push_back(cpuMs() - c);
            // Before the live photo the desk passes the portrait as the live frame (analysed once).
            const ThreeWayInput noLive{upright.portrait, upright.portrait, *degraded};
            c = cpuMs();
            auto n = comparer.compare(noLive);
            way.noLive.push_back(cpuMs() - c);
            if (!a || !b || !n || !b->pairs[1].score || *b->pairs[1].score < 0.25) {
                std::fprintf(stderr, "%s: the three-way check failed or lost the turned ID photo\n", way.name);
                return 1;
            }
        }
    }
    for (const auto& way : ways) {
        std::printf("  %s\n", way.name);
        report("    ID photo upright, CPU", way.upright);
        report("    ID photo turned 90 deg, CPU", way.sideways);
        report("    ID photo upright, wall", way.wall);
        report("    no live photo yet (the portrait stands in), CPU", way.noLive);
    }
    return 0;
}
