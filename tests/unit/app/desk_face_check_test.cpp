// The desk's face check on the real parts (integration): a declaration with its portrait and
// ID-card photo cached in a real store, the DeskController with its StoreWorker, and a
// FaceWorker on the real models. The portrait ↔ ID-card pair is scored as soon as the photos are
// loaded, before any live frame; F6 (captureLive) adds the live pairs; the decision keeps what
// the clerk saw. Photos: BHXH_FACES_DIR; models: BHXH_FACE_MODELS_DIR, else the app's default.
#include "app/desk_controller.h"
#include "app/store_worker.h"
#include "face/adapters/cv_face_matcher.h"
#include "face/adapters/face_models.h"
#include "face/face_worker.h"
#include "store/sqlite_declaration_repository.h"
#include "store/store.h"

#include "sample_declaration.h"
#include "temp_folder.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

using namespace bhxh;
namespace fs = std::filesystem;

namespace {

const std::string kDossier = "07916-2026-000321";

fs::path facesDir() {
    const fs::path dir = BHXH_FACES_DIR;
    INFO("labelled photos not found in " << dir.string()
         << ": clone the project with shared/ beside it, or configure with -DBHXH_FACES_DIR=/path/to/faces");
    REQUIRE(fs::is_regular_file(dir / "identities.csv"));
    return dir;
}

face::CvFaceMatcher& matcher() {
    static std::unique_ptr<face::CvFaceMatcher> instance;
    if (!instance) {
        const std::string configured = BHXH_FACE_MODELS_DIR;
        const fs::path dir = configured.empty() ? face::defaultModelsDir() : fs::path(configured);
        auto loaded = face::CvFaceMatcher::load(dir);
        INFO("face models unusable in " << dir.string() << ": " << (loaded ? std::string() : loaded.error().message)
             << " — run deploy/setup.sh (or deploy/fetch-models.sh), or set -DBHXH_FACE_MODELS_DIR");
        REQUIRE(loaded);
        instance = std::move(*loaded);
    }
    return *instance;
}

/// A store holding one pending declaration whose portrait and ID-card front are cached copies of
/// two photos of the same person.
struct DeskFixture {
    test::TempFolder tmp{"bhxh-desk-face-"};
    store::Store st = open();
    std::unique_ptr<app::StoreWorker> worker;
    MainThreadQueue queue;
    face::FaceWorker faces{matcher(), face::BandPolicy{}, &queue};
    app::AppConfig config;
    std::unique_ptr<app::DeskController> desk;

    store::Store open() {
        store::StoreOptions options;
        options.dbPath = tmp.path() / "desk.sqlite";
        options.dailyBackup = false;
        auto s = store::Store::open(options);
        REQUIRE(s.ok());
        return std::move(s).value();
    }

    DeskFixture() {
        auto db = st.connect();
        REQUIRE(db.ok());
        store::SqliteDeclarationRepository repo(*db);
        declarations::Declaration d = test::pendingDeclaration(kDossier);
        d.expiresAt = "2099-11-30T09:12:00+07:00";  // still open whenever the test runs
        d.files = {{"portrait", std::string(64, 'a'), 1000, "image/jpeg"}, {"id_front", std::string(64, 'b'), 1000, "image/jpeg"}};
        REQUIRE(*repo.upsert(d));
        for (const auto& [kind, photo, sha] : {std::tuple{"portrait", "img1.jpg", 'a'}, std::tuple{"id_front", "img4.jpg", 'b'}}) {
            const fs::path cached = tmp.path() / (std::string(kind) + ".jpg");
            fs::copy_file(facesDir() / photo, cached);
            REQUIRE(repo.setFileLocalPath(kDossier, kind, std::string(64, sha), cached.string()).ok());
        }
        auto started = app::StoreWorker::start(st);
        REQUIRE(started.ok());
        worker = std::move(started).value();
        config.desk.fourEyes = false;
        desk = std::make_unique<app::DeskController>(config, queue, *worker, &faces, "");
        desk->setAccess([](std::string_view) -> Result<std::string> { return std::string("q6.clerk"); }, {}, {});
    }

    ~DeskFixture() {
        worker.reset();  // its running job may still use the desk: joined first
        desk.reset();
    }

    /// Runs the UI thread's part until `done` holds (or 90 s pass, on a loaded machine).
    bool pumpUntil(const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
        while (std::chrono::steady_clock::now() < deadline) {
            queue.drain();
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    [[nodiscard]] const ui::FaceView& face() const { return desk->snapshot().face; }
};

cv::Mat liveFrame() {
    cv::Mat bgr = cv::imread((facesDir() / "img2.jpg").string(), cv::IMREAD_COLOR);
    REQUIRE_FALSE(bgr.empty());
    return bgr;
}

} // namespace

TEST_CASE("the portrait and the ID-card photo are scored when the declaration opens, before F6", "[desk][face]") {
    DeskFixture f;
    f.desk->openDossier(kDossier);
    REQUIRE(f.pumpUntil([&] { return !f.face().pairs.empty() && !f.face().running; }));
    INFO(f.face().errorKey << " " << f.face().errorDetail);
    CHECK(f.face().errorKey.empty());
    REQUIRE(f.face().pairs.size() == 1);
    const ui::FacePairView pair = f.face().pairs.front();
    CHECK(pair.label == "portrait-idcard");
    REQUIRE(pair.score);
    CHECK(pair.band == "same");  // img1 and img4 are the same person
    // Not the full check yet: the panel still asks for F6, no liveness, no four-eyes from it.
    CHECK_FALSE(f.face().done);
    CHECK_FALSE(f.face().liveness);
    CHECK_FALSE(f.face().needsSecondOfficer());

    SECTION("F6 adds the live pairs; the portrait ↔ ID-card score stays what it was") {
        f.desk->captureLive(liveFrame());
        REQUIRE(f.pumpUntil([&] { return f.face().done && !f.face().running; }));
        REQUIRE(f.face().pairs.size() == 3);
        CHECK(f.face().pairs[0].label == "portrait-live");
        CHECK(f.face().pairs[1].label == "portrait-idcard");
        CHECK(f.face().pairs[2].label == "idcard-live");
        REQUIRE(f.face().pairs[1].score);
        CHECK(*f.face().pairs[1].score == Approx(*pair.score));
        REQUIRE(f.face().pairs[0].score);
        CHECK(f.face().pairs[0].band == "same");
        CHECK(f.face().liveness);
    }

    SECTION("a decision before F6 keeps the portrait ↔ ID-card evidence, with no live score") {
        std::optional<declarations::DecisionRequest> recorded;
        f.desk->setRecorder([&recorded](app::StoreContext&, const declarations::DecisionRequest& r) -> Result<std::int64_t> {
            recorded = r;  // on the store worker; read after the UI thread saw the answer
            return std::int64_t{1};
        });
        REQUIRE(f.pumpUntil([&] { return f.desk->snapshot().declaration.has_value(); }));
        f.desk->decide("", "", "", "");
        REQUIRE(f.pumpUntil([&] { return f.desk->snapshot().decided; }));
        REQUIRE(recorded);
        CHECK_FALSE(recorded->checks.faceScore);
        CHECK(recorded->checks.faceEvidenceJson.find("\"portrait-idcard\"") != std::string::npos);
        CHECK(recorded->checks.faceEvidenceJson.find("\"portrait-live\"") == std::string::npos);
        // The open declaration shows the outcome at once (the store marks its copy likewise).
        CHECK(f.desk->snapshot().declaration->status == "approved");
    }
}

TEST_CASE("F6 pressed while the portrait ↔ ID-card check still runs ends with all three pairs", "[desk][face]") {
    DeskFixture f;
    f.desk->openDossier(kDossier);
    // As soon as the declaration is on screen, before its photos have been scored.
    REQUIRE(f.pumpUntil([&] { return f.desk->snapshot().declaration.has_value(); }));
    f.desk->captureLive(liveFrame());
    REQUIRE(f.pumpUntil([&] { return f.face().done && !f.face().running; }));
    INFO(f.face().errorKey << " " << f.face().errorDetail);
    REQUIRE(f.face().pairs.size() == 3);
    for (const auto& p : f.face().pairs) CHECK(p.score);
    CHECK(f.faces.pending() == 0);
}
