// The settings screen's controller on real parts: a store file on disk, its StoreWorker, the
// MainThreadQueue drained as the UI would, real image-folder camera sources and the card parser.
#include "app/settings_controller.h"

#include "store/audit_chain.h"
#include "store/sqlite_audit_log.h"
#include "store/sqlite_settings_repository.h"

#include "controller_harness.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

#include <functional>
#include <thread>

using namespace bhxh;
using namespace bhxh::app;
using namespace std::chrono_literals;

namespace {

// A fictional citizen's CCCD payload, as UTF-8 and as the code points a scanner types.
const std::string kPayload = "079090001234||NGUYỄN VĂN AN|15031990|Nam|12 Đường 3/2, Phường 1, Quận 10|01012021";
const std::u32string kTyped = U"079090001234||NGUYỄN VĂN AN|15031990|Nam|12 Đường 3/2, Phường 1, Quận 10|01012021";

struct Calls {
    std::vector<std::string> cameras;   // useCamera specs
    std::vector<std::string> previews;  // startPreview specs
    int previewStops = 0;
    std::vector<face::Thresholds> cutoffs;
    std::vector<int> retention;
};

class Fixture {
public:
    Fixture() {
        config.paths.dataDir = h.dir();
        config.camera.source = "0";
        SettingsController::Hooks hooks;
        hooks.useCamera = [this](SettingsController::SourcePtr s, const std::string& spec) {
            CHECK(s != nullptr);
            calls.cameras.push_back(spec);
        };
        hooks.startPreview = [this](SettingsController::SourcePtr s, const std::string& spec) {
            CHECK(s != nullptr);
            calls.previews.push_back(spec);
        };
        hooks.stopPreview = [this] { ++calls.previewStops; };
        hooks.faceCutoffs = [this](const face::Thresholds& t) { calls.cutoffs.push_back(t); };
        hooks.retentionDays = [this](int days) { calls.retention.push_back(days); };
        auto authorize = [this](std::string_view action) -> Result<std::string> {
            if (action != "settings.change" || officer.empty()) return makeError("security.denied", "not an administrator");
            return officer;
        };
        controller = std::make_unique<SettingsController>(config, h.queue, *h.storeWorker, authorize, std::move(hooks));
    }
    ~Fixture() { h.stopWorkers(); }  // their jobs use the controller: joined before it goes

    /// Drains the queue like the UI's frames until `done`.
    bool pump(const std::function<bool()>& done) { return h.pumpUntil(done); }
    bool settled() {
        return pump([this] { return !controller->snapshot().saving && h.storeWorker->pending() == 0; });
    }
    std::map<std::string, std::string> stored() {
        auto db = h.st->connect();
        REQUIRE(db);
        auto all = store::SqliteSettingsRepository(*db).all();
        REQUIRE(all);
        return *all;
    }
    std::vector<AuditEntry> audit() {
        auto db = h.st->connect();
        REQUIRE(db);
        auto entries = store::SqliteAuditLog(*db).read(1, 100);
        REQUIRE(entries);
        return *entries;
    }
    /// A folder with one image: a camera source that opens.
    std::string imageFolder() {
        const auto folder = h.dir() / "frames";
        std::filesystem::create_directories(folder);
        REQUIRE(cv::imwrite((folder / "frame-000.png").string(), cv::Mat(120, 160, CV_8UC3, cv::Scalar(30, 90, 200))));
        return folder.string();
    }
    const ui::SettingsSnapshot& snap() const { return controller->snapshot(); }

    bhxh::test::ControllerHarness h{"bhxh-settings-test-"};
    AppConfig config;
    std::string officer = "q6.admin";
    Calls calls;
    std::unique_ptr<SettingsController> controller;
};

std::vector<ui::TimedKey> typed(std::chrono::milliseconds gap) {
    std::vector<ui::TimedKey> keys;
    auto at = std::chrono::steady_clock::now();
    for (char32_t c : kTyped) {
        keys.push_back({c, at});
        at += gap;
    }
    return keys;
}

} // namespace

TEST_CASE("saved values are stored, audited and put into effect", "[app][settings]") {
    Fixture f;
    REQUIRE(f.settled());
    f.controller->save({{"privacy.retention_days", "7"}, {"face.same_at_or_above", "0,5"}, {"face.different_below", "0.25"}});
    REQUIRE(f.settled());
    CHECK(f.snap().saveKey == "settings.saved");
    CHECK_FALSE(f.snap().saveFailed);
    CHECK(f.stored() == std::map<std::string, std::string>{{"face.same_at_or_above", "0.5"}, {"privacy.retention_days", "7"}});
    CHECK(f.calls.retention == std::vector<int>{7});
    REQUIRE(f.calls.cutoffs.size() == 1);
    CHECK(f.calls.cutoffs[0].sameAtOrAbove == Approx(0.5));
    CHECK(f.calls.cutoffs[0].differentBelow == Approx(0.25));

    const auto entries = f.audit();
    REQUIRE(entries.size() == 2);
    for (const auto& e : entries) {
        CHECK(e.event.kind == "settings_change");
        CHECK(e.event.officerId == "q6.admin");
    }
    CHECK(entries[0].event.subject == "face.same_at_or_above");
    CHECK(entries[0].event.detail == "0.48 -> 0.5");
    CHECK(entries[1].event.detail == "30 -> 7");
    for (const auto& e : f.snap().editable) {
        INFO(e.key);
        CHECK(e.changedHere == (e.key != "face.different_below"));
    }

    // The same values again change nothing and write nothing.
    f.controller->save({{"privacy.retention_days", "7"}, {"face.same_at_or_above", "0.5"}});
    REQUIRE(f.settled());
    CHECK(f.snap().saveKey == "settings.unchanged");
    CHECK(f.audit().size() == 2);
}

TEST_CASE("a bad value or a clerk changes nothing", "[app][settings]") {
    Fixture f;
    REQUIRE(f.settled());
    f.controller->save({{"privacy.retention_days", "9"}, {"face.different_below", "0.6"}});  // above "same" 0.48
    REQUIRE(f.settled());
    CHECK(f.snap().saveKey == "settings.error.face_order");
    CHECK(f.snap().saveFailed);

    f.officer.clear();  // the role check says no
    f.controller->save({{"privacy.retention_days", "9"}});
    REQUIRE(f.settled());
    CHECK(f.snap().saveKey == "settings.denied");
    f.controller->useCamera(f.imageFolder());
    REQUIRE(f.settled());
    CHECK(f.snap().saveKey == "settings.denied");

    CHECK(f.stored().empty());
    CHECK(f.audit().empty());
    CHECK(f.calls.retention.empty());
    CHECK(f.calls.cutoffs.empty());
    CHECK(f.calls.cameras.empty());
}

TEST_CASE("the desk's camera changes only to a source that opens", "[app][settings]") {
    Fixture f;
    REQUIRE(f.settled());
    const std::string missing = (f.h.dir() / "no-such-video.avi").string();
    f.controller->useCamera(missing);
    REQUIRE(f.pump([&f] { return f.snap().saveFailed; }));
    CHECK(f.snap().saveKey == "settings.error.camera_source");
    CHECK(f.calls.cameras.empty());
    CHECK(f.stored().empty());

    const std::string folder = f.imageFolder();
    f.controller->useCamera(folder);
    REQUIRE(f.pump([&f] { return f.snap().saveKey == "settings.saved"; }));
    CHECK(f.calls.cameras == std::vector<std::string>{folder});
    CHECK(f.controller->cameraSource() == folder);
    CHECK(f.snap().cameraSource == folder);
    CHECK(f.stored() == std::map<std::string, std::string>{{"camera.source", folder}});
    const auto entries = f.audit();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].event.subject == "camera.source");
    CHECK(entries[0].event.detail == "0 -> " + folder);
}

TEST_CASE("the preview opens its own source, or shows the desk's camera", "[app][settings]") {
    Fixture f;
    const std::string folder = f.imageFolder();
    f.controller->preview(folder);
    REQUIRE(f.pump([&f] { return !f.calls.previews.empty(); }));
    CHECK(f.calls.previews == std::vector<std::string>{folder});
    CHECK(f.controller->previewing());
    CHECK_FALSE(f.controller->previewingDeskCamera());
    f.controller->stopPreview();
    CHECK(f.calls.previewStops == 1);
    CHECK_FALSE(f.controller->previewing());

    f.controller->preview("0");  // the desk's own camera: never opened twice
    CHECK(f.controller->previewingDeskCamera());
    f.controller->stopPreview();
    CHECK(f.calls.previewStops == 1);
    CHECK(f.calls.previews.size() == 1);

    f.controller->preview((f.h.dir() / "gone").string());
    REQUIRE(f.pump([&f] { return f.snap().previewStateKey == "settings.preview.failed"; }));
    CHECK_FALSE(f.snap().previewDetail.empty());
}

TEST_CASE("the scanner test times the keys like the desk and shows the card masked", "[app][settings]") {
    Fixture f;
    const auto fast = typed(4ms);
    f.controller->scannerTest(kPayload, fast, fast.back().at + 4ms);
    const auto& t = f.snap().scanner;
    CHECK(t.done);
    CHECK(t.recognised);
    CHECK(t.characters == kTyped.size());
    CHECK(t.slowestGapMs == 4);
    CHECK(t.kindKey == "settings.scanner.kind.cccd");
    std::map<std::string, std::string> fields(t.fields.begin(), t.fields.end());
    CHECK(fields["field.full_name"] == "NGUYỄN VĂN AN");
    CHECK(fields["field.date_of_birth"] == "1990-03-15");
    CHECK(fields["field.id_number"].find("079090001234") == std::string::npos);
    CHECK(fields["field.id_number"].ends_with("234"));

    const auto slow = typed(120ms);  // a person typing: the desk would not open anything
    f.controller->scannerTest(kPayload, slow, slow.back().at + 120ms);
    CHECK_FALSE(f.snap().scanner.recognised);
    CHECK(f.snap().scanner.slowestGapMs == 120);
    CHECK(f.snap().scanner.kindKey == "settings.scanner.kind.cccd");  // still shown, to tell the two apart

    f.controller->scannerTest("hello", {}, std::chrono::steady_clock::now());
    CHECK_FALSE(f.snap().scanner.recognised);
    CHECK(f.snap().scanner.kindKey == "settings.scanner.kind.unknown");
}
