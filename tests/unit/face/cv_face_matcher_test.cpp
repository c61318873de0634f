// The real models on the real labelled photos (integration). Photos: BHXH_FACES_DIR (CMake cache,
// default ../shared/data/faces beside the clone). Models: BHXH_FACE_MODELS_DIR, else the app's
// default folder. Either missing fails with the fix in the message; nothing is skipped.
#include "face/adapters/cv_face_matcher.h"
#include "face/adapters/face_models.h"
#include "face/adapters/image_degrader.h"
#include "face/face_comparison.h"
#include "face/face_worker.h"
#include "face/three_way_comparer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace bhxh::face;
namespace fs = std::filesystem;

namespace {

const Thresholds kDefaults{};  // the calibrated defaults, same as [face] in config.example.toml

fs::path facesDir() {
    const fs::path dir = BHXH_FACES_DIR;
    INFO("labelled photos not found in " << dir.string()
         << ": clone the project with shared/ beside it, or configure with -DBHXH_FACES_DIR=/path/to/faces");
    REQUIRE(fs::is_regular_file(dir / "identities.csv"));
    return dir;
}

fs::path modelsDir() {
    const std::string configured = BHXH_FACE_MODELS_DIR;
    return configured.empty() ? defaultModelsDir() : fs::path(configured);
}

CvFaceMatcher& matcher() {
    static std::unique_ptr<CvFaceMatcher> instance;
    if (!instance) {
        auto loaded = CvFaceMatcher::load(modelsDir());
        INFO("face models unusable in " << modelsDir().string() << ": "
             << (loaded ? std::string() : loaded.error().message)
             << " — run deploy/setup.sh (or deploy/fetch-models.sh), or set -DBHXH_FACE_MODELS_DIR");
        REQUIRE(loaded);
        instance = std::move(*loaded);
    }
    return *instance;
}

std::vector<std::uint8_t> readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    INFO("cannot read " << path.string());
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::uint8_t> photo(const std::string& name) { return readBytes(facesDir() / name); }

cv::Mat decode(const std::vector<std::uint8_t>& bytes) { return cv::imdecode(bytes, cv::IMREAD_COLOR); }

std::vector<std::uint8_t> encode(const cv::Mat& img, const std::string& ext = ".png") {
    std::vector<std::uint8_t> out;
    REQUIRE(cv::imencode(ext, img, out));
    return out;
}

FaceAnalysis analyze(const std::vector<std::uint8_t>& bytes, bool rotations = false) {
    AnalyzeOptions options;
    options.tryRotations = rotations;
    auto result = matcher().analyze(bytes, options);
    INFO((result ? std::string() : result.error().describe()));
    REQUIRE(result);
    return *result;
}

double score(const FaceAnalysis& a, const FaceAnalysis& b) { return cosineSimilarity(a.embedding, b.embedding); }

std::map<std::string, std::string> manifest() {
    std::ifstream in(facesDir() / "identities.csv");
    std::map<std::string, std::string> files;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("file,", 0) == 0 || line.empty()) continue;
        const auto comma = line.find(',');
        files[line.substr(0, comma)] = line.substr(comma + 1);
    }
    return files;
}

} // namespace

TEST_CASE("the installed models match the pinned hashes", "[face][models]") {
    const auto hashes = matcher().modelHashes();
    REQUIRE(hashes.size() == 4);
    CHECK(hashes.at("fr_feature.onnx") == "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581");
    CHECK(hashes.at("fr_detect.onnx") == "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854");
}

TEST_CASE("missing or wrong models are a clear error, not a crash", "[face][models]") {
    const fs::path dir = fs::temp_directory_path() / ("bhxh-face-models-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto missing = CvFaceMatcher::load(dir);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == "face.models_missing");
    CHECK(missing.error().message.find("fetch-models.sh") != std::string::npos);

    for (const char* name : {"fr_detect.onnx", "fr_landmark.onnx", "fr_feature.onnx", "fr_liveness.onnx"}) {
        fs::copy_file(modelsDir() / name, dir / name);
    }
    REQUIRE(CvFaceMatcher::load(dir));
    std::ofstream(dir / "fr_landmark.onnx", std::ios::binary | std::ios::app) << "x";  // one byte more
    auto wrong = CvFaceMatcher::load(dir);
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code == "face.models_mismatch");
    CHECK(wrong.error().message.find("fr_landmark.onnx") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("every same-person pair of the labelled photos is above different, every other pair below same",
          "[face][calibration]") {
    const auto files = manifest();
    REQUIRE(files.size() >= 20);
    std::map<std::string, FaceAnalysis> analyses;
    for (const auto& [file, identity] : files) analyses[file] = analyze(photo(file));
    const BandPolicy policy(kDefaults);
    int genuine = 0, genuineSame = 0, impostor = 0;
    for (auto a = analyses.begin(); a != analyses.end(); ++a) {
        REQUIRE(a->second.faceCount >= 1);
        for (auto b = std::next(a); b != analyses.end(); ++b) {
            const auto band = comparePair("pair", a->second, b->second, policy).band;
            INFO(a->first << " vs " << b->first << " score " << score(a->second, b->second));
            if (files.at(a->first) == files.at(b->first)) {
                ++genuine;
                CHECK(band != Band::Different);
                if (band == Band::Same) ++genuineSame;
            } else {
                ++impostor;
                CHECK(band != Band::Same);
            }
        }
    }
    CHECK(genuine > 100);
    CHECK(impostor > 1000);
    CHECK(genuineSame >= genuine * 95 / 100);
}

TEST_CASE("a same-person pair is same and a different-person pair is different", "[face][calibration]") {
    const auto b = analyze(photo("img2.jpg")), c = analyze(photo("img3.jpg"));
    AnalyzeOptions liveFrame;
    liveFrame.liveness = true;
    auto loaded = matcher().analyze(photo("img1.jpg"), liveFrame);
    REQUIRE(loaded);
    const auto a = *loaded;
    CHECK_FALSE(b.liveness);  // only asked for on live frames
    const BandPolicy policy(kDefaults);
    CHECK(comparePair("ab", a, b, policy).band == Band::Same);
    CHECK(comparePair("ac", a, c, policy).band == Band::Different);
    CHECK(a.embedding.size() == 512);
    CHECK(a.imageSha256.size() == 64);
    REQUIRE(a.liveness);
    CHECK(*a.liveness >= 0.0f);
    CHECK(*a.liveness <= 1.0f);
}

TEST_CASE("an image without a face answers no_face", "[face][edge]") {
    cv::Mat img(480, 640, CV_8UC3, cv::Scalar(180, 200, 210));
    cv::rectangle(img, {100, 100}, {300, 400}, cv::Scalar(40, 80, 120), cv::FILLED);
    cv::circle(img, {480, 200}, 90, cv::Scalar(10, 160, 30), cv::FILLED);
    const auto none = analyze(encode(img));
    CHECK(none.faceCount == 0);
    CHECK(none.embedding.empty());
    const auto pair = comparePair("a-b", analyze(photo("img1.jpg")), none, BandPolicy(kDefaults));
    CHECK(pair.band == Band::NoFace);
    CHECK_FALSE(pair.score);
}

TEST_CASE("two faces side by side: both counted, the most confident one used, and said so", "[face][edge]") {
    cv::Mat left = decode(photo("img1.jpg")), right = decode(photo("img3.jpg"));
    cv::resize(right, right, cv::Size(right.cols * left.rows / right.rows, left.rows));
    cv::Mat both;
    cv::hconcat(left, right, both);
    const auto two = analyze(encode(both, ".jpg"));
    CHECK(two.faceCount >= 2);
    const auto pair = comparePair("a-b", two, analyze(photo("img2.jpg")), BandPolicy(kDefaults));
    CHECK(std::find(pair.notes.begin(), pair.notes.end(), "several_faces_a") != pair.notes.end());
    // The best face is one of the two people: it clearly matches exactly one of them.
    const double toPerson0 = score(two, analyze(photo("img2.jpg")));
    const double toPerson1 = score(two, analyze(photo("img12.jpg")));
    CHECK(std::max(toPerson0, toPerson1) >= kDefaults.sameAtOrAbove);
    CHECK(std::min(toPerson0, toPerson1) < kDefaults.differentBelow);
}

TEST_CASE("a rotated ID-card photo is found when rotations are tried", "[face][edge]") {
    const auto portrait = analyze(photo("img1.jpg"));
    for (int degrees : {90, 180, 270}) {
        auto turned = rotateImage(photo("img2.jpg"), degrees);
        REQUIRE(turned);
        const auto id = analyze(*turned, true);
        INFO("rotated " << degrees);
        CHECK(id.rotationDegrees == (360 - degrees) % 360);
        CHECK(score(portrait, id) >= kDefaults.sameAtOrAbove);
        const auto plain = analyze(*turned, false);
        CHECK(score(portrait, plain) < score(portrait, id));
    }
    // An upright photo stays upright.
    CHECK(analyze(photo("img2.jpg"), true).rotationDegrees == 0);
}

TEST_CASE("a corrupt or truncated file is a clear error", "[face][edge]") {
    std::vector<std::uint8_t> garbage(5000);
    for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<std::uint8_t>(i * 37 + 11);
    auto bad = matcher().analyze(garbage, {});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "face.unreadable_image");

    auto jpeg = photo("img1.jpg");
    jpeg.resize(200);  // header only
    auto cut = matcher().analyze(jpeg, {});
    REQUIRE_FALSE(cut);
    CHECK(cut.error().code == "face.unreadable_image");

    auto empty = matcher().analyze(std::vector<std::uint8_t>{}, {});
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == "face.unreadable_image");
}

TEST_CASE("a grayscale photo still matches and is flagged", "[face][edge]") {
    cv::Mat grey;
    cv::cvtColor(decode(photo("img2.jpg")), grey, cv::COLOR_BGR2GRAY);
    const auto g = analyze(encode(grey));
    CHECK(g.grayscale);
    CHECK(g.faceCount == 1);
    const auto pair = comparePair("a-b", analyze(photo("img1.jpg")), g, BandPolicy(kDefaults));
    CHECK(pair.band != Band::Different);
    CHECK(std::find(pair.notes.begin(), pair.notes.end(), "grayscale_b") != pair.notes.end());
}

TEST_CASE("a tiny face is never likely same", "[face][edge]") {
    cv::Mat img = decode(photo("img2.jpg"));
    cv::Mat small;
    cv::resize(img, small, cv::Size(72, img.rows * 72 / img.cols), 0, 0, cv::INTER_AREA);
    cv::Mat canvas(480, 640, CV_8UC3, cv::Scalar(128, 128, 128));
    small.copyTo(canvas(cv::Rect(300, 200, small.cols, small.rows)));
    const auto tiny = analyze(encode(canvas));
    const auto pair = comparePair("a-b", analyze(photo("img1.jpg")), tiny, BandPolicy(kDefaults));
    INFO("faces " << tiny.faceCount << " score " << (pair.score ? *pair.score : -9));
    CHECK(pair.band != Band::Same);
    if (tiny.faceCount > 0) CHECK(tiny.tinyFace);
    else CHECK(pair.band == Band::NoFace);
}

TEST_CASE("a huge image is shrunk, an oversized file refused", "[face][edge]") {
    cv::Mat big;
    cv::resize(decode(photo("img2.jpg")), big, cv::Size(4000, 4000 * 480 / 640 + 1));
    const auto shrunk = analyze(encode(big, ".jpg"));
    CHECK(shrunk.downscaled);
    CHECK(std::max(shrunk.imageWidth, shrunk.imageHeight) <= 1600);
    CHECK(score(shrunk, analyze(photo("img1.jpg"))) >= kDefaults.differentBelow);

    CvFaceOptions strict;
    strict.maxImageBytes = 20 * 1024;
    auto small = CvFaceMatcher::load(modelsDir(), strict);
    REQUIRE(small);
    auto refused = (*small)->analyze(photo("img1.jpg"), {});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "face.image_too_large");
}

TEST_CASE("analyses are cached by image sha256", "[face][cache]") {
    auto loaded = CvFaceMatcher::load(modelsDir());
    REQUIRE(loaded);
    auto& m = **loaded;
    const auto bytes = photo("img5.jpg");
    auto first = m.analyze(bytes, {});
    auto second = m.analyze(bytes, {});
    REQUIRE(first);
    REQUIRE(second);
    CHECK(m.cacheHits() == 1);
    CHECK(first->embedding == second->embedding);
}

TEST_CASE("a three-way check through the worker, with a degraded ID photo turned on its side", "[face][three_way]") {
    auto idCard = degradeImage(photo("img4.jpg"));
    REQUIRE(idCard);
    auto turned = rotateImage(*idCard, 90);
    REQUIRE(turned);
    bhxh::MainThreadQueue queue;
    FaceWorker worker(matcher(), BandPolicy(kDefaults), &queue);
    std::optional<bhxh::Result<FaceEvidence>> answer;
    worker.submit({photo("img1.jpg"), photo("img2.jpg"), *turned},
                  [&answer](bhxh::Result<FaceEvidence> r) { answer.emplace(std::move(r)); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!answer && std::chrono::steady_clock::now() < deadline) {
        queue.drain();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(answer);
    REQUIRE(answer->ok());
    const auto& e = answer->value();
    REQUIRE(e.pairs.size() == 3);
    CHECK(e.pairs[0].band == Band::Same);
    for (const auto& p : e.pairs) CHECK(p.band != Band::Different);
    CHECK(e.models.size() == 4);
    CHECK(e.toJson().find("\"portrait-idcard\"") != std::string::npos);
    CHECK(e.liveLiveness);
}

TEST_CASE("every labelled photo, upright or turned, is put back upright", "[face][rotation]") {
    int wrong = 0, total = 0;
    for (const auto& [file, identity] : manifest()) {
        const auto bytes = photo(file);
        for (int degrees : {0, 90, 180, 270}) {
            auto turned = degrees == 0 ? bytes : rotateImage(bytes, degrees).value();
            const auto id = analyze(turned, true);
            ++total;
            if (id.rotationDegrees != (360 - degrees) % 360) {
                ++wrong;
                UNSCOPED_INFO(file << " turned " << degrees << " came back at " << id.rotationDegrees);
            }
        }
    }
    CHECK(total > 200);
    // Measured: one photo of 61 (img5, a strongly lit face) is preferred upside down, at every
    // turn; the clerk sees "rotated_b_180" and a low score. More than that is a regression.
    CHECK(wrong <= 4);
}
