// Face pipeline figures on one core: model load, one 640×480 frame (detect + landmarks + embed,
// and with liveness), one three-way check. Prints figures; run by hand, not by ctest:
//   build/<preset>/tests/bench/bench_face [FACES_DIR] [MODELS_DIR]
#include "face/adapters/cv_face_matcher.h"
#include "face/adapters/face_models.h"
#include "face/adapters/image_degrader.h"
#include "face/three_way_comparer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

using namespace bhxh::face;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// Process CPU time: on a shared machine the wall clock also counts waiting for a core.
double cpuMs() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

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

void report(const char* what, std::vector<double> t) {
    std::sort(t.begin(), t.end());
    double sum = 0;
    for (double x : t) sum += x;
    std::printf("%-46s median %7.1f ms   mean %7.1f ms   min %7.1f ms   (n=%zu)\n", what, t[t.size() / 2],
                sum / double(t.size()), t.front(), t.size());
}

} // namespace

int main(int argc, char** argv) {
    const std::string faces = argc > 1 ? argv[1] : BHXH_FACES_DIR;
    const std::string models = argc > 2 ? argv[2] : defaultModelsDir().string();
    cv::setNumThreads(1);
    std::printf("OpenCV %s, cv::setNumThreads(1), models %s\n", CV_VERSION, models.c_str());

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
    std::printf("sha256 check of the 4 model files: %.1f ms\n", hashMs);
    report("model load (sha256 check + 4 ONNX nets)", loads);

    const auto portrait = readBytes(faces + "/img1.jpg");
    const auto live = readBytes(faces + "/img2.jpg");
    const auto idPhoto = readBytes(faces + "/img4.jpg");
    if (portrait.empty() || live.empty() || idPhoto.empty()) {
        std::fprintf(stderr, "photos not found in %s (img1/img2/img4.jpg)\n", faces.c_str());
        return 1;
    }

    CvFaceOptions noLiveness;
    noLiveness.liveness = false;
    noLiveness.cacheEntries = 0;
    auto plain = CvFaceMatcher::load(models, noLiveness);
    CvFaceOptions withLiveness;
    withLiveness.cacheEntries = 0;
    auto full = CvFaceMatcher::load(models, withLiveness);
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
    report("640x480 frame: decode+detect+landmarks+embed", embedOnly);
    report("  the same, CPU time", embedCpu);
    report("640x480 frame: the same + liveness", withLive);
    report("  the same, CPU time", liveCpu);

    auto degraded = degradeImage(idPhoto);
    auto turned = rotateImage(*degraded, 90);
    std::vector<double> threeWay, threeWayRotated, threeWayCpu;
    for (int i = 0; i < 10; ++i) {
        ThreeWayComparer comparer(**full, BandPolicy{});
        ThreeWayInput upright{frame640(portrait, 100 + i), frame640(live, 200 + i), *degraded};
        ThreeWayInput sideways{frame640(portrait, 300 + i), frame640(live, 400 + i), *turned};
        // A fresh ID photo each round: a changed byte defeats the sha256 cache.
        upright.idCard.push_back(static_cast<std::uint8_t>(i));
        sideways.idCard.push_back(static_cast<std::uint8_t>(i));
        auto t = Clock::now();
        const double c = cpuMs();
        (void)comparer.compare(upright);
        threeWay.push_back(ms(t));
        threeWayCpu.push_back(cpuMs() - c);
        t = Clock::now();
        (void)comparer.compare(sideways);
        threeWayRotated.push_back(ms(t));
    }
    report("three-way check (ID photo tried at 4 rotations)", threeWay);
    report("  the same, CPU time", threeWayCpu);
    report("three-way check, ID photo turned 90 deg", threeWayRotated);
    return 0;
}
