// Decode rate and time per frame of the scan pipeline next to its peers, on synthetic card and
// phone frames (fictional payloads) and, when given, on public photo sets: zxing-cpp's
// test/samples/qrcode-1 … qrcode-6 (each image beside a .txt with the expected text) and jsQR's
// tests/end-to-end (N/input.png beside N/output.json; null = no label). Prints tables and the
// images the pipeline misses with the peers that read them; not run by ctest.
//   bench_scan [frames-per-set] [--pipeline-only] [--no-synthetic]
//              [--zxing-samples DIR] [--jsqr DIR]      (default 40 frames per set)
// DIR is a clone of the repository or the samples folder itself (docs/scan-benchmark.md).
// zbar first: ZXing 1.4's Error.h defines macros (FormatError, UnsupportedError) that break zbar's C++ header.
#include <zbar.h>

#include "qr_fixture.h"
#include "scan/qr_decoder.h"

#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/wechat_qrcode.hpp>
#include <string>
#include <vector>

namespace {

using namespace bhxh::scan;
using Clock = std::chrono::steady_clock;
// What a decoder read: its text and, where it gives them, the raw bytes (empty: nothing read).
using Reading = std::vector<std::string>;
using Decoder = std::function<Reading(const cv::Mat& bgr)>;
bool matches(const Reading& got, const std::vector<std::string>& expected) {
    return std::any_of(got.begin(), got.end(), [&](const std::string& g) {
        return std::find(expected.begin(), expected.end(), g) != expected.end();
    });
}

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

Reading zxingDefaults(const cv::Mat& bgr) {
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    ZXing::DecodeHints hints;  // defaults: tryHarder, tryRotate, tryDownscale
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const auto r = ZXing::ReadBarcode({gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum, static_cast<int>(gray.step)}, hints);
    if (!r.isValid()) return {};
    return {r.text(), std::string(r.bytes().begin(), r.bytes().end())};
}

Reading zbarDecode(const cv::Mat& bgr) {
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    zbar::ImageScanner scanner;
    scanner.set_config(zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    scanner.set_config(zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    zbar::Image image(static_cast<unsigned>(gray.cols), static_cast<unsigned>(gray.rows), "Y800", gray.data,
                      static_cast<unsigned long>(gray.total()));
    if (scanner.scan(image) <= 0) return {};
    return {image.symbol_begin()->get_data()};
}


namespace fs = std::filesystem;

// One labelled photo: the image file and what counts as a correct read. expected holds the
// accepted texts (zxing-cpp: the .txt; jsQR: "data" and the raw bytes of "binaryData").
struct Photo {
    std::string set;
    std::string name;  ///< the file (zxing-cpp) or the folder (jsQR)
    fs::path file;
    std::vector<std::string> expected;  ///< empty: unlabelled (jsQR's null outputs)
};

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool isPhoto(const fs::path& p) {
    const auto ext = p.extension().string();
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".webp" || ext == ".gif" || ext == ".bmp";
}

// zxing-cpp: DIR is a clone (DIR/test/samples) or the samples folder; qrcode-1 … qrcode-6.
std::vector<Photo> zxingSamples(const fs::path& dir) {
    const fs::path root = fs::is_directory(dir / "test" / "samples") ? dir / "test" / "samples" : dir;
    std::vector<Photo> out;
    for (int n = 1; n <= 6; ++n) {
        const fs::path folder = root / ("qrcode-" + std::to_string(n));
        if (!fs::is_directory(folder)) {
            std::fprintf(stderr, "bench_scan: %s: no such folder\n", folder.c_str());
            continue;
        }
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(folder))
            if (e.is_regular_file() && isPhoto(e.path())) files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            fs::path txt = f;
            txt.replace_extension(".txt");
            if (!fs::is_regular_file(txt)) continue;
            out.push_back({folder.filename().string(), f.filename().string(), f, {readFile(txt)}});
        }
    }
    return out;
}

// jsQR: DIR is a clone (DIR/tests/end-to-end) or that folder; N/input.png and N/output.json.
std::vector<Photo> jsqrEndToEnd(const fs::path& dir) {
    const fs::path root = fs::is_directory(dir / "tests" / "end-to-end") ? dir / "tests" / "end-to-end" : dir;
    std::vector<fs::path> folders;
    if (fs::is_directory(root))
        for (const auto& e : fs::directory_iterator(root))
            if (e.is_directory() && fs::is_regular_file(e.path() / "input.png")) folders.push_back(e.path());
    if (folders.empty()) std::fprintf(stderr, "bench_scan: %s: no N/input.png folders\n", root.c_str());
    std::sort(folders.begin(), folders.end());
    std::vector<Photo> out;
    for (const auto& f : folders) {
        Photo photo{"jsQR end-to-end", f.filename().string(), f / "input.png", {}};
        const auto json = nlohmann::json::parse(readFile(f / "output.json"), nullptr, /*allow_exceptions=*/false);
        if (json.is_object()) {
            if (json.contains("data") && json["data"].is_string()) photo.expected.push_back(json["data"].get<std::string>());
            if (json.contains("binaryData") && json["binaryData"].is_array()) {
                std::string bytes;
                for (const auto& b : json["binaryData"])
                    if (b.is_number_integer()) bytes.push_back(static_cast<char>(b.get<int>()));
                photo.expected.push_back(bytes);
            }
        }
        out.push_back(std::move(photo));
    }
    return out;
}

struct PhotoResult {
    std::vector<bool> read;  ///< per decoder
    std::string strategy;    ///< the pipeline's step that read it
};

// Rate / median / p95 of the photos of one set (labelled ones only), and the peers' union.
void photoTable(const std::vector<Photo>& photos, const std::vector<PhotoResult>& results,
                const std::vector<std::vector<double>>& ms, const std::vector<std::string>& names) {
    std::map<std::string, std::vector<std::size_t>> bySet;
    std::vector<std::size_t> all;
    for (std::size_t i = 0; i < photos.size(); ++i) {
        if (photos[i].expected.empty()) continue;
        bySet[photos[i].set].push_back(i);
        if (photos[i].set.rfind("qrcode-", 0) == 0) all.push_back(i);
    }
    if (!all.empty()) bySet["qrcode-1..6 (all)"] = all;
    std::printf("\n%-20s %4s", "photo set", "n");
    for (const auto& n : names) std::printf(" | %-24s", (n + " rate/med/p95").c_str());
    std::printf(names.size() > 1 ? " | peers' union\n" : "\n");
    for (const auto& [set, idx] : bySet) {
        std::printf("%-20s %4zu", set.c_str(), idx.size());
        for (std::size_t d = 0; d < names.size(); ++d) {
            int hits = 0;
            std::vector<double> t;
            for (auto i : idx) {
                hits += results[i].read[d] ? 1 : 0;
                t.push_back(ms[d][i]);
            }
            char cell[64];
            std::snprintf(cell, sizeof cell, "%5.1f%% %3d %5.2f %6.2f ms", 100.0 * hits / double(idx.size()), hits,
                          percentile(t, 0.5), percentile(t, 0.95));
            std::printf(" | %-24s", cell);
        }
        if (names.size() < 2) {
            std::printf("\n");
            continue;
        }
        int unionHits = 0;
        for (auto i : idx) {
            bool any = false;
            for (std::size_t d = 1; d < names.size(); ++d) any = any || results[i].read[d];
            unionHits += any ? 1 : 0;
        }
        std::printf(" | %5.1f%% %3d\n", 100.0 * unionHits / double(idx.size()), unionHits);
    }
}

// Reads every photo with every decoder; prints the tables, the pipeline's misses (and which
// peer reads each), and the unlabelled jsQR images each decoder read something in.
void runPhotos(const std::vector<Photo>& photos, const std::vector<std::pair<std::string, Decoder>>& decoders,
               const QrDecoder& pipeline) {
    std::vector<std::string> names;
    for (const auto& d : decoders) names.push_back(d.first);
    std::vector<PhotoResult> results(photos.size());
    std::vector<std::vector<double>> ms(decoders.size(), std::vector<double>(photos.size(), 0.0));
    std::map<std::string, int> strategies;
    std::vector<int> unlabelledReads(decoders.size(), 0);
    int unlabelled = 0;
    for (std::size_t i = 0; i < photos.size(); ++i) {
        const cv::Mat image = cv::imread(photos[i].file.string(), cv::IMREAD_COLOR);
        results[i].read.assign(decoders.size(), false);
        if (image.empty()) {
            std::fprintf(stderr, "bench_scan: %s: cannot be read\n", photos[i].file.c_str());
            continue;
        }
        const auto& expected = photos[i].expected;
        if (expected.empty()) ++unlabelled;
        for (std::size_t d = 0; d < decoders.size(); ++d) {
            const double t0 = threadCpuMs();
            const Reading got = decoders[d].second(image);
            ms[d][i] = threadCpuMs() - t0;
            if (expected.empty()) {
                unlabelledReads[d] += got.empty() ? 0 : 1;
            } else {
                results[i].read[d] = matches(got, expected);
            }
        }
        if (!expected.empty()) {
            const auto o = pipeline.decode(image);
            const bool ok = o.detection && matches({o.detection->text, o.detection->bytes}, expected);
            results[i].strategy = ok ? o.detection->strategy : (o.detection ? "wrong text" : "miss");
            ++strategies[results[i].strategy];
        }
    }
    photoTable(photos, results, ms, names);
    if (unlabelled > 0) {
        std::printf("unlabelled jsQR images (output.json null, excluded above): %d; something read by", unlabelled);
        for (std::size_t d = 0; d < decoders.size(); ++d) std::printf(" %s %d%s", names[d].c_str(), unlabelledReads[d],
                                                                       d + 1 < decoders.size() ? "," : "\n");
    }
    std::printf("\nphotos the %s misses (x = read by that decoder):\n", names[0].c_str());
    std::printf("%-18s %-40s", "set", "image");
    for (std::size_t d = 1; d < names.size(); ++d) std::printf(" %-14s", names[d].c_str());
    std::printf("\n");
    int missed = 0, missedByAll = 0;
    for (std::size_t i = 0; i < photos.size(); ++i) {
        if (photos[i].expected.empty() || results[i].read[0]) continue;
        ++missed;
        bool any = false;
        std::printf("%-18s %-40s", photos[i].set.c_str(), photos[i].name.c_str());
        for (std::size_t d = 1; d < names.size(); ++d) {
            std::printf(" %-14s", results[i].read[d] ? "x" : "-");
            any = any || results[i].read[d];
        }
        missedByAll += any ? 0 : 1;
        std::printf("\n");
    }
    std::printf("%d missed, %d of them read by no peer\n", missed, missedByAll);
    std::printf("peers read, the pipeline misses:");
    int peerOnly = 0;
    for (std::size_t i = 0; i < photos.size(); ++i) {
        if (photos[i].expected.empty() || results[i].read[0]) continue;
        bool any = false;
        for (std::size_t d = 1; d < names.size(); ++d) any = any || results[i].read[d];
        peerOnly += any ? 1 : 0;
    }
    std::printf(" %d\n", peerOnly);
    for (const auto& [name, count] : strategies) std::printf("photo strategy %-14s %d\n", name.c_str(), count);
    std::fflush(stdout);
}
} // namespace

int main(int argc, char** argv) {
    int perSet = 40;
    bool pipelineOnly = false;
    bool synthetic = true;
    std::vector<Photo> photos;
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        if (arg == "--pipeline-only") {
            pipelineOnly = true;
        } else if (arg == "--no-synthetic") {
            synthetic = false;
        } else if ((arg == "--zxing-samples" || arg == "--jsqr") && a + 1 < argc) {
            auto more = arg == "--jsqr" ? jsqrEndToEnd(argv[++a]) : zxingSamples(argv[++a]);
            photos.insert(photos.end(), more.begin(), more.end());
        } else if (!arg.empty() && arg.find_first_not_of("0123456789") == std::string::npos && arg.size() < 6) {
            perSet = std::max(1, std::atoi(arg.c_str()));
        } else {
            std::fprintf(stderr,
                         "usage: bench_scan [frames-per-set] [--pipeline-only] [--no-synthetic] [--zxing-samples DIR] [--jsqr DIR]\n");
            return 2;
        }
    }
    cv::setNumThreads(1);  // one core, for every decoder

    const QrDecoder pipeline;
    cv::wechat_qrcode::WeChatQRCode wechat;  // no CNN model files: its ZXing-derived decoder at a few scales
    std::vector<std::pair<std::string, Decoder>> decoders{
        {"bhxh pipeline", [&](const cv::Mat& m) {
             auto o = pipeline.decode(m);
             return o.detection ? Reading{o.detection->text, o.detection->bytes} : Reading{};
         }},
        {"ZXing defaults", zxingDefaults},
        {"zbar", zbarDecode},
        {"WeChatQRCode", [&](const cv::Mat& m) { auto r = wechat.detectAndDecode(m); return r.empty() ? Reading{} : Reading{r.front()}; }},
    };
    if (pipelineOnly) decoders.resize(1);
    if (!photos.empty()) runPhotos(photos, decoders, pipeline);
    if (!synthetic) return 0;
    const std::vector<Set> sets{
        {"card 1280x720 3px", {1280, 720}, 3, false}, {"card 1280x720 4px", {1280, 720}, 4, false},
        {"card 1920x1080 2px", {1920, 1080}, 2, false}, {"card 1920x1080 3px", {1920, 1080}, 3, false},
        {"card 1920x1080 4px", {1920, 1080}, 4, false}, {"card 1920x1080 5px", {1920, 1080}, 5, false},
        {"phone 1920x1080 3px", {1920, 1080}, 3, true}, {"phone 1280x720 4px", {1280, 720}, 4, true},
    };
    const auto payloads = fixture::fictionalPayloads(perSet);
    std::map<std::string, int> strategies;

    std::printf("\n%d frames per set; tilt up to 30 deg, roll, blur sigma 0.5-1.2, noise, glare on 1 in 3, JPEG 40; one thread; ms = thread CPU time per frame\n", perSet);
    std::printf("%-22s", "set");
    for (const auto& [name, _] : decoders) std::printf(" | %-24s", (name + " rate/med/p95").c_str());
    std::printf("\n");
    // Every camera frame of every set together: the goal is the median CPU time on camera
    // frames, and one set alone (2 px modules, mostly unreadable) is dominated by its misses.
    std::vector<Figures> pooled(decoders.size());
    auto row = [](const std::string& name, const std::vector<Figures>& figures) {
        std::printf("%-22s", name.c_str());
        for (const auto& f : figures) {
            char cell[64];
            std::snprintf(cell, sizeof cell, "%3.0f%% %6.1f %6.1f ms", 100.0 * f.hits / f.frames, percentile(f.ms, 0.5),
                          percentile(f.ms, 0.95));
            std::printf(" | %-24s", cell);
        }
        std::printf("\n");
        std::fflush(stdout);
    };
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
                const Reading got = decoders[d].second(frame.image);
                figures[d].ms.push_back(threadCpuMs() - t0);
                ++figures[d].frames;
                if (!got.empty() && got.front() == payloads[static_cast<std::size_t>(i)]) ++figures[d].hits;
            }
            if (std::getenv("BENCH_STRATEGIES")) {
                auto o = pipeline.decode(frame.image);
                ++strategies[o.detection ? o.detection->strategy : std::string("miss")];
                if (std::getenv("BENCH_VERBOSE"))
                    std::printf("  %s #%d: %s in %.1f ms, %d steps\n", set.name.c_str(), i,
                                o.detection ? o.detection->strategy.c_str() : "miss", o.decodeMs, o.steps);
            }
        }
        row(set.name, figures);
        for (std::size_t d = 0; d < figures.size(); ++d) {
            pooled[d].frames += figures[d].frames;
            pooled[d].hits += figures[d].hits;
            pooled[d].ms.insert(pooled[d].ms.end(), figures[d].ms.begin(), figures[d].ms.end());
        }
    }
    row("all camera frames", pooled);
    for (const auto& [name, count] : strategies) std::printf("strategy %-14s %d\n", name.c_str(), count);
    return 0;
}
