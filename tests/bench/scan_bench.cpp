// Decode rate and time per frame of the scan pipeline next to its peers, on synthetic card and
// phone frames (fictional payloads). Prints a table; not run by ctest.
//   bench_scan [frames-per-set] [--pipeline-only]   (default 40 frames per set)
// zbar first: ZXing 1.4's Error.h defines macros (FormatError, UnsupportedError) that break zbar's C++ header.
#include <zbar.h>

#include "qr_fixture.h"
#include "scan/qr_decoder.h"

#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/wechat_qrcode.hpp>
#include <string>
#include <vector>

namespace {

using namespace bhxh::scan;
using Clock = std::chrono::steady_clock;
using Decoder = std::function<std::string(const cv::Mat& bgr)>;

struct Set {
    std::string name;
    cv::Size size;
    double modulePx;
    bool phone;
};

struct Figures {
    int hits = 0;
    int frames = 0;
    std::vector<double> ms;
};

// CPU time of this thread: the machine running the benchmark may be shared, and every decoder
// here runs on one thread (cv::setNumThreads(1)), so this is the cost per frame on one core.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * double(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

std::string zxingDefaults(const cv::Mat& bgr) {
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    ZXing::DecodeHints hints;  // defaults: tryHarder, tryRotate, tryDownscale
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const auto r = ZXing::ReadBarcode({gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum, static_cast<int>(gray.step)}, hints);
    return r.isValid() ? r.text() : std::string();
}

std::string zbarDecode(const cv::Mat& bgr) {
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    zbar::ImageScanner scanner;
    scanner.set_config(zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    scanner.set_config(zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    zbar::Image image(static_cast<unsigned>(gray.cols), static_cast<unsigned>(gray.rows), "Y800", gray.data,
                      static_cast<unsigned long>(gray.total()));
    if (scanner.scan(image) <= 0) return {};
    return image.symbol_begin()->get_data();
}

} // namespace

int main(int argc, char** argv) {
    const int perSet = argc > 1 ? std::max(1, std::atoi(argv[1])) : 40;
    cv::setNumThreads(1);  // one core, for every decoder

    const QrDecoder pipeline;
    cv::wechat_qrcode::WeChatQRCode wechat;  // no CNN model files: its ZXing-derived decoder at a few scales
    const bool pipelineOnly = argc > 2 && std::string(argv[2]) == "--pipeline-only";
    std::vector<std::pair<std::string, Decoder>> decoders{
        {"bhxh pipeline", [&](const cv::Mat& m) { auto o = pipeline.decode(m); return o.detection ? o.detection->text : std::string(); }},
        {"ZXing defaults", zxingDefaults},
        {"zbar", zbarDecode},
        {"WeChatQRCode", [&](const cv::Mat& m) { auto r = wechat.detectAndDecode(m); return r.empty() ? std::string() : r.front(); }},
    };
    if (pipelineOnly) decoders.resize(1);
    const std::vector<Set> sets{
        {"card 1280x720 3px", {1280, 720}, 3, false}, {"card 1280x720 4px", {1280, 720}, 4, false},
        {"card 1920x1080 2px", {1920, 1080}, 2, false}, {"card 1920x1080 3px", {1920, 1080}, 3, false},
        {"card 1920x1080 4px", {1920, 1080}, 4, false}, {"card 1920x1080 5px", {1920, 1080}, 5, false},
        {"phone 1920x1080 3px", {1920, 1080}, 3, true}, {"phone 1280x720 4px", {1280, 720}, 4, true},
    };
    const auto payloads = fixture::fictionalPayloads(perSet);
    std::map<std::string, int> strategies;

    std::printf("%d frames per set; tilt up to 30 deg, roll, blur sigma 0.5-1.2, noise, glare on 1 in 3, JPEG 40; one thread; ms = thread CPU time per frame\n", perSet);
    std::printf("%-22s", "set");
    for (const auto& [name, _] : decoders) std::printf(" | %-24s", (name + " rate/med/p95").c_str());
    std::printf("\n");
    for (const auto& set : sets) {
        std::vector<Figures> figures(decoders.size());
        cv::RNG rng(0xB4B4 + static_cast<std::uint64_t>(set.modulePx * 10) + set.size.width);
        for (int i = 0; i < perSet; ++i) {
            fixture::FrameSpec spec;
            spec.size = set.size;
            spec.modulePx = set.modulePx;
            spec.phoneScreen = set.phone;
            spec.tiltDeg = rng.uniform(-30.0, 30.0);
            spec.rollDeg = rng.uniform(-25.0, 25.0);
            spec.blurSigma = rng.uniform(0.5, 1.2);
            spec.noiseSigma = rng.uniform(2.0, 8.0);
            spec.glare = (i % 3 == 0) ? rng.uniform(0.3, 0.7) : 0.0;
            spec.jpegQuality = 40;
            spec.seed = static_cast<std::uint64_t>(i + 1) * 7919u + static_cast<std::uint64_t>(set.size.width);
            const auto frame = fixture::makeFrame(payloads[static_cast<std::size_t>(i)], spec);
            for (std::size_t d = 0; d < decoders.size(); ++d) {
                const double t0 = threadCpuMs();
                const std::string text = decoders[d].second(frame.image);
                figures[d].ms.push_back(threadCpuMs() - t0);
                ++figures[d].frames;
                if (text == payloads[static_cast<std::size_t>(i)]) ++figures[d].hits;
            }
            if (std::getenv("BENCH_STRATEGIES")) {
                auto o = pipeline.decode(frame.image);
                ++strategies[o.detection ? o.detection->strategy : std::string("miss")];
                if (std::getenv("BENCH_VERBOSE"))
                    std::printf("  %s #%d: %s in %.1f ms, %d steps\n", set.name.c_str(), i,
                                o.detection ? o.detection->strategy.c_str() : "miss", o.decodeMs, o.steps);
            }
        }
        std::printf("%-22s", set.name.c_str());
        for (const auto& f : figures) {
            char cell[64];
            std::snprintf(cell, sizeof cell, "%3.0f%% %6.1f %6.1f ms", 100.0 * f.hits / f.frames, percentile(f.ms, 0.5),
                          percentile(f.ms, 0.95));
            std::printf(" | %-24s", cell);
        }
        std::printf("\n");
        std::fflush(stdout);
    }
    for (const auto& [name, count] : strategies) std::printf("strategy %-14s %d\n", name.c_str(), count);
    return 0;
}
