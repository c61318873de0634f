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
    CpuPool cpu{"test-cpu", 2};
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
        desk = std::make_unique<app::DeskController>(config, queue, *worker, cpu, &faces, "");
        declarations::PolicyConfig policy;
        policy.newOfficerDecisions = 0;  // the clerk's first decisions need no second officer here
        desk->setPolicy(declarations::DecisionPolicy(policy));
        desk->setAccess([](std::string_view) -> Result<std::string> { return std::string("q6.clerk"); }, {}, {});
    }

    ~DeskFixture() {
        worker.reset();  // its running job may still use the desk: joined first
        cpu.stop();      // and so may the pool's
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

    /// Runs the UI thread's part for a while (for what must NOT happen).
    void pumpFor(std::chrono::milliseconds span) {
        const auto end = std::chrono::steady_clock::now() + span;
        while (std::chrono::steady_clock::now() < end) {
            queue.drain();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
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
    CHECK(pair.band == bhxh::face::Band::Same);  // img1 and img4 are the same person
    // Not the full check yet: the panel still asks for F6, no liveness, no four-eyes from it.
    CHECK_FALSE(f.face().done);
    CHECK_FALSE(f.face().liveness);
    // The policy sees the portrait ↔ ID-card pair as fine.
    const auto* item = f.desk->snapshot().checklist.find("face.portrait_idcard");
    REQUIRE(item != nullptr);
    CHECK(item->severity == declarations::CheckSeverity::Ok);

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
        CHECK(f.face().pairs[0].band == bhxh::face::Band::Same);
        CHECK(f.face().liveness);
    }

    SECTION("a decision before F6 keeps the portrait ↔ ID-card evidence, with no live score") {
        std::optional<declarations::DecisionRequest> recorded;
        f.desk->setRecorder([&recorded](app::StoreContext&, const declarations::DecisionRequest& r) -> Result<declarations::Decision> {
            recorded = r;  // on the store worker; read after the UI thread saw the answer
            declarations::Decision d;
            d.id = 1;
            d.idempotencyKey = "k-1";
            return d;
        });
        REQUIRE(f.pumpUntil([&] { return f.desk->snapshot().declaration.has_value(); }));
        // Opened from the queue, no card scanned: the clerk acknowledges it before approving.
        CHECK(f.desk->snapshot().verdict.state == declarations::ApprovalVerdict::State::NeedsAcknowledgement);
        f.desk->decide("", "", "", "");
        CHECK_FALSE(f.desk->snapshot().deciding);
        CHECK(f.desk->snapshot().messageKey == "decision.needs_acknowledgement");
        f.desk->acknowledge("card", "postal_submission");
        REQUIRE(f.desk->snapshot().verdict.ready());
        f.desk->decide("", "", "", "");
        REQUIRE(f.pumpUntil([&] { return f.desk->snapshot().decided; }));
        REQUIRE(recorded);
        CHECK_FALSE(recorded->checks.faceScore);
        CHECK(recorded->checks.faceEvidenceJson.find("\"portrait-idcard\"") != std::string::npos);
        CHECK(recorded->checks.faceEvidenceJson.find("\"portrait-live\"") == std::string::npos);
        // The open declaration shows the outcome at once (the store marks its copy likewise).
        CHECK(f.desk->snapshot().declaration->status == bhxh::declarations::DeclarationStatus::Approved);
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

namespace {

scan::ScanEvent wedgeScan(const std::string& payload) {
    scan::ScanEvent e;
    e.origin = scan::ScanOrigin::Wedge;
    e.text = payload;
    return e;
}

// The sample citizen's card (id 001099012345) and another citizen's.
const std::string kCardA = "001099012345||Nguyễn Thành Biên|05081984|Nam||01012021";
const std::string kCardB = "079199054321||Lê Thị Hoa|12031999|Nữ||01012021";
const std::string kDossierB = "07916-2026-000400";

void storeSecondDeclaration(DeskFixture& f) {
    auto db = f.st.connect();
    REQUIRE(db.ok());
    store::SqliteDeclarationRepository repo(*db);
    declarations::Declaration d = test::pendingDeclaration(kDossierB);
    d.expiresAt = "2099-11-30T09:12:00+07:00";
    d.fullName = "Lê Thị Hoa";
    d.idNumber = "079199054321";
    d.bhxhCode = "7913054321";
    d.dateOfBirth = "1999-03-12";
    d.gender = "female";
    d.phone = "0912000111";
    REQUIRE(*repo.upsert(d));
}

} // namespace

TEST_CASE("a card scanned while a dossier is open and undecided waits, and Ctrl+N opens it", "[desk][lifecycle]") {
    DeskFixture f;
    storeSecondDeclaration(f);
    auto open = [&f](const std::string& dossier) {
        return f.pumpUntil([&] {
            const auto& s = f.desk->snapshot();
            return s.declaration && s.declaration->dossierNo == dossier;
        });
    };
    f.desk->onScan(wedgeScan(kCardA));
    REQUIRE(open(kDossier));
    REQUIRE(f.pumpUntil([&] { return !f.face().running && !f.face().pairs.empty(); }));

    // The same card again changes nothing.
    f.desk->onScan(wedgeScan(kCardA));
    CHECK_FALSE(f.desk->snapshot().incoming);

    // Another card: the open dossier stays, the card waits with its name masked, nothing is armed.
    f.desk->onScan(wedgeScan(kCardB));
    f.pumpFor(std::chrono::milliseconds(500));  // nothing may arrive: give the workers their chance
    const auto& s = f.desk->snapshot();
    REQUIRE(s.declaration);
    CHECK(s.declaration->dossierNo == kDossier);
    REQUIRE(s.incoming);
    CHECK(s.incoming->maskedName == "L. T. Hoa");
    f.desk->decide("", "", "", "");
    CHECK(f.desk->snapshot().messageKey == "desk.incoming_disarmed");
    CHECK_FALSE(f.desk->snapshot().deciding);
    f.desk->decide("photo_mismatch", "", "", "");
    CHECK_FALSE(f.desk->snapshot().deciding);

    SECTION("Ctrl+K keeps the open dossier and re-arms the decision") {
        f.desk->keepCurrent();
        CHECK_FALSE(f.desk->snapshot().incoming);
        CHECK(f.desk->snapshot().declaration->dossierNo == kDossier);
    }
    SECTION("Ctrl+N opens the card that waits") {
        f.desk->openIncoming();
        REQUIRE(open(kDossierB));
        CHECK_FALSE(f.desk->snapshot().incoming);
        CHECK(f.desk->snapshot().card->cccd->idNumber == "079199054321");
    }
    SECTION("a card that cannot be read disarms the panel the same way") {
        f.desk->keepCurrent();
        f.desk->onScan(wedgeScan("not a card at all"));
        REQUIRE(f.desk->snapshot().incoming);
        CHECK(f.desk->snapshot().incoming->messageKey == "desk.incoming_invalid");
        CHECK(f.desk->snapshot().declaration->dossierNo == kDossier);
    }
}

TEST_CASE("after a decision the result stays until the clerk moves on", "[desk][lifecycle]") {
    DeskFixture f;
    storeSecondDeclaration(f);
    f.desk->setRecorder([](app::StoreContext& ctx, const declarations::DecisionRequest& r) {
        return declarations::DecisionRecorder(ctx.decisions).record(r);
    });
    f.desk->onScan(wedgeScan(kCardA));
    REQUIRE(f.pumpUntil([&] { return f.desk->snapshot().declaration && !f.face().running && !f.face().pairs.empty(); }));
    f.desk->decide("photo_mismatch", "", "", "");
    REQUIRE(f.pumpUntil([&] { return f.desk->snapshot().decided; }));
    CHECK(f.desk->snapshot().portalState == "waiting");  // recorded here; no portal in this test
    // Ctrl+N with nothing waiting: an empty desk.
    f.desk->openIncoming();
    CHECK_FALSE(f.desk->snapshot().declaration);
}
