// DeskFaceCheck, the face part of the desk: the declaration's photos found by a real store and
// decoded on the CPU pool, the live frame, the chip portrait, and the checks on a FaceWorker.
// The matcher is a stand-in at the model boundary (the real models are in test_desk_face): it
// decodes the image and takes its mean colour as the "embedding", so two photos of one colour
// are the same person and a red and a blue one are not.
#include "app/desk_face_check.h"
#include "sample_declaration.h"

#include "controller_harness.h"

#include <catch2/catch.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <fstream>

using namespace bhxh;
namespace fs = std::filesystem;

namespace {

const std::string kDossier = "07916-2026-000321";
const cv::Scalar kRed{0, 0, 255};
const cv::Scalar kBlue{255, 0, 0};

class ColourMatcher : public face::FaceMatcher {
public:
    Result<face::FaceAnalysis> analyze(std::span<const std::uint8_t> encoded, const face::AnalyzeOptions&) override {
        const cv::Mat bytes(1, static_cast<int>(encoded.size()), CV_8U, const_cast<std::uint8_t*>(encoded.data()));
        const cv::Mat image = cv::imdecode(bytes, cv::IMREAD_COLOR);
        if (image.empty()) return makeError("face.unreadable_image", "not an image");
        const cv::Scalar mean = cv::mean(image);
        face::FaceAnalysis a;
        a.faceCount = 1;
        const double norm = std::sqrt(mean[0] * mean[0] + mean[1] * mean[1] + mean[2] * mean[2]);
        for (int i = 0; i < 3; ++i) a.embedding.push_back(static_cast<float>(mean[i] / norm));
        a.imageWidth = image.cols;
        a.imageHeight = image.rows;
        return a;
    }
    [[nodiscard]] face::ModelHashes modelHashes() const override { return {{"colour.onnx", std::string(64, 'c')}}; }
};

cv::Mat solid(const cv::Scalar& colour) { return cv::Mat(120, 96, CV_8UC3, colour); }

std::vector<std::uint8_t> png(const cv::Scalar& colour) {
    std::vector<std::uint8_t> out;
    REQUIRE(cv::imencode(".png", solid(colour), out));
    return out;
}

struct FaceFixture {
    test::ControllerHarness h{"bhxh-desk-face-flow-"};
    ColourMatcher matcher;
    face::FaceWorker faces{matcher, face::BandPolicy{}, &h.queue};
    app::AppConfig config;
    app::DeskState state;
    int changed = 0;
    app::DeskFaceCheck check{config, h.queue, *h.storeWorker, h.cpu, &faces, "", state, [this] { ++changed; }};
    declarations::Declaration d = test::pendingDeclaration(kDossier);

    /// The declaration with its portrait and ID-card photo cached as files (`idFront` empty: an
    /// unreadable file in its place).
    explicit FaceFixture(const cv::Scalar& portrait, std::optional<cv::Scalar> idFront) {
        d.files = {{"portrait", std::string(64, 'a'), 1000, "image/png"}, {"id_front", std::string(64, 'b'), 1000, "image/png"}};
        h.storeDeclaration(d);
        writeFile("portrait", 'a', png(portrait));
        writeFile("id_front", 'b', idFront ? png(*idFront) : std::vector<std::uint8_t>{'n', 'o', 't'});
        state.view.declaration = d;
    }
    ~FaceFixture() { h.stopWorkers(); }

    void writeFile(const std::string& kind, char sha, const std::vector<std::uint8_t>& bytes) {
        const fs::path path = h.dir() / (kind + ".png");
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                     static_cast<std::streamsize>(bytes.size()));
        h.storeWorker->post([this, kind, sha, path](app::StoreContext& ctx) {
            REQUIRE(ctx.declarations.setFileLocalPath(kDossier, kind, std::string(64, sha), path.string()).ok());
        });
        REQUIRE(h.settle());
    }
    [[nodiscard]] std::vector<std::string> labels() const {
        std::vector<std::string> out;
        for (const auto& p : state.view.face.pairs) out.push_back(p.label);
        std::sort(out.begin(), out.end());
        return out;
    }
    [[nodiscard]] declarations::DecisionFacts facts() const {
        declarations::DecisionFacts f;
        check.fillFacts(f);
        return f;
    }
    bool checked(std::size_t pairs) {
        return h.pumpUntil([&] { return state.view.face.pairs.size() == pairs && !facts().faceRunning; }) && h.settle();
    }
};

} // namespace

TEST_CASE("the portrait and the ID photo are scored as soon as both are decoded", "[app][desk_face]") {
    FaceFixture f(kRed, kRed);
    f.check.load(f.d);
    CHECK(f.facts().faceRunning);  // the photos are loading
    REQUIRE(f.checked(1));
    CHECK(f.labels() == std::vector<std::string>{"portrait-idcard"});
    const auto facts = f.facts();
    CHECK(facts.portraitIdcard == declarations::FaceSignal::Same);
    CHECK_FALSE(facts.liveTaken);
    CHECK(facts.faceCheckAvailable);
    declarations::DecisionChecks checks;
    f.check.fillChecks(checks);
    CHECK_FALSE(checks.faceScore);  // the score the portal gets is the live one
    CHECK(checks.faceModel == "colour.onnx:cccccccccccc");
    CHECK(checks.faceEvidenceJson.find("portrait-idcard") != std::string::npos);
    for (const auto& slot : f.state.view.photos) {
        INFO(slot.kind);
        CHECK_FALSE(slot.loading);
        if (slot.kind != "live") CHECK(slot.picture.valid());
    }
    CHECK(f.changed > 0);
}

TEST_CASE("the live frame adds the live pairs and the score", "[app][desk_face]") {
    FaceFixture f(kRed, kRed);
    f.check.load(f.d);
    REQUIRE(f.checked(1));
    SECTION("the same person") {
        f.check.captureLive(solid(kRed));
        REQUIRE(f.checked(3));
        CHECK(f.labels() == std::vector<std::string>{"idcard-live", "portrait-idcard", "portrait-live"});
        const auto facts = f.facts();
        CHECK(facts.liveTaken);
        CHECK(facts.portraitLive == declarations::FaceSignal::Same);
        declarations::DecisionChecks checks;
        f.check.fillChecks(checks);
        REQUIRE(checks.faceScore);
        CHECK(*checks.faceScore > 0.99);
    }
    SECTION("someone else") {
        f.check.captureLive(solid(kBlue));
        REQUIRE(f.checked(3));
        CHECK(f.facts().portraitLive == declarations::FaceSignal::Different);
        CHECK(f.facts().idcardLive == declarations::FaceSignal::Different);
    }
}

TEST_CASE("an ID photo of someone else is found before the live frame", "[app][desk_face]") {
    FaceFixture f(kRed, kBlue);
    f.check.load(f.d);
    REQUIRE(f.checked(1));
    CHECK(f.facts().portraitIdcard == declarations::FaceSignal::Different);
}

TEST_CASE("an unreadable photo shows its error and no check runs", "[app][desk_face]") {
    FaceFixture f(kRed, std::nullopt);
    f.check.load(f.d);
    REQUIRE(f.h.pumpUntil([&] { return !f.facts().faceRunning; }));
    REQUIRE(f.h.settle());
    CHECK(f.state.view.face.pairs.empty());
    CHECK(f.facts().portraitIdcard == declarations::FaceSignal::NotChecked);
    bool seen = false;
    for (const auto& slot : f.state.view.photos) {
        if (slot.kind != "id_front") continue;
        seen = true;
        CHECK_FALSE(slot.errorKey.empty());
    }
    CHECK(seen);
}

TEST_CASE("results for a dossier the desk left are dropped", "[app][desk_face]") {
    FaceFixture f(kRed, kRed);
    f.check.load(f.d);
    ++f.state.generation;  // the clerk moved on before the photos came back
    f.check.clear();
    REQUIRE(f.h.settle());
    f.h.pumpFor(std::chrono::milliseconds(100));
    CHECK(f.state.view.photos.empty());
    CHECK(f.state.view.face.pairs.empty());
    CHECK_FALSE(f.facts().faceRunning);
}

TEST_CASE("the chip portrait gets its own pairs beside the declaration's", "[app][desk_face]") {
    FaceFixture f(kRed, kRed);
    f.check.load(f.d);
    REQUIRE(f.checked(1));
    f.check.setChipPortrait(std::make_shared<const std::vector<std::uint8_t>>(png(kRed)));
    REQUIRE(f.checked(2));
    CHECK(f.labels() == std::vector<std::string>{"chip-portrait", "portrait-idcard"});
    CHECK(f.facts().chipFace);
    CHECK(f.facts().chipPortrait == declarations::FaceSignal::Same);
    f.check.captureLive(solid(kBlue));
    REQUIRE(f.checked(5));
    CHECK(f.facts().chipLive == declarations::FaceSignal::Different);
    // A new reading without a portrait takes the chip's pairs away.
    f.check.setChipPortrait(nullptr);
    CHECK(f.labels() == std::vector<std::string>{"idcard-live", "portrait-idcard", "portrait-live"});
    CHECK_FALSE(f.facts().chipFace);
}

TEST_CASE("models that fail to load after start turn the check off and say why", "[app][desk_face]") {
    FaceFixture f(kRed, kRed);
    f.check.load(f.d);
    f.check.unavailable("fr_feature.onnx: sha256 differs");  // before the photos come back
    REQUIRE(f.h.settle());
    f.h.pumpFor(std::chrono::milliseconds(200));
    REQUIRE(f.h.settle());
    CHECK(f.state.view.face.errorKey == "face.models_missing");
    CHECK(f.state.view.face.errorDetail == "fr_feature.onnx: sha256 differs");
    CHECK(f.state.view.face.pairs.empty());
    const auto facts = f.facts();
    CHECK_FALSE(facts.faceCheckAvailable);
    CHECK_FALSE(facts.faceRunning);
}
