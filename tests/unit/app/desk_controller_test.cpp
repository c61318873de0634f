// DeskController without a window and without face models: a real store and StoreWorker, the CPU
// pool, the UI queue drained by the test, and the portal as plain functions. Scan → open →
// decide → the outbox row pushed at once; a dossier held by another desk; a clerk without the
// right; a four-eyes password check that must not hold the store thread.
#include "app/desk_controller.h"
#include "declarations/decision_recorder.h"
#include "sample_declaration.h"

#include "controller_harness.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>

using namespace bhxh;
using namespace std::chrono_literals;

namespace {

const std::string kDossier = "07916-2026-000321";
// The sample citizen's CCCD QR (id 001099012345), as a handheld scanner types it.
const std::string kCard = "001099012345||Nguyễn Thành Biên|05081984|Nam||01012021";

scan::ScanEvent wedgeScan(const std::string& payload) {
    scan::ScanEvent e;
    e.origin = scan::ScanOrigin::Wedge;
    e.text = payload;
    return e;
}

struct DeskFixture {
    test::ControllerHarness h{"bhxh-desk-controller-"};
    app::AppConfig config;
    std::string officer = "q6.clerk";  // empty: nobody may decide
    std::mutex portalMutex;
    std::vector<std::string> pushed;  // outbox keys pushed at once (any thread)
    std::vector<std::string> held;    // dossiers the desk asked the portal to hold
    std::unique_ptr<app::DeskController> desk;

    explicit DeskFixture(int newOfficerDecisions = 0) {
        declarations::Declaration d = test::pendingDeclaration(kDossier);
        d.expiresAt = "2099-11-30T09:12:00+07:00";  // still open whenever the test runs
        h.storeDeclaration(d);
        desk = std::make_unique<app::DeskController>(config, h.queue, *h.storeWorker, h.cpu, nullptr,
                                                     "face models not installed");
        declarations::PolicyConfig policy;
        policy.newOfficerDecisions = newOfficerDecisions;
        const declarations::DecisionPolicy decisionPolicy(policy);
        desk->setPolicy(decisionPolicy);
        desk->setRecorder([decisionPolicy](app::StoreContext& ctx, const declarations::DecisionRequest& r) {
            return declarations::DecisionRecorder(ctx.decisions, {}, decisionPolicy).record(r);
        });
        desk->setAccess(
            [this](std::string_view) -> Result<std::string> {
                if (officer.empty()) return makeError("security.denied", "not allowed to decide");
                return officer;
            },
            {}, {});
        app::DeskController::PortalHooks hooks;
        hooks.hold = [this](const std::string& dossier, const std::string&) {
            std::lock_guard lock(portalMutex);
            held.push_back(dossier);
        };
        hooks.release = [] {};
        hooks.pushDecision = [this](const std::string& key) {
            std::lock_guard lock(portalMutex);
            pushed.push_back(key);
        };
        desk->setPortal(std::move(hooks));
    }
    ~DeskFixture() {
        h.stopWorkers();  // their jobs hold the desk: joined before it goes
        desk.reset();
    }

    const ui::DeskSnapshot& snap() const { return desk->snapshot(); }
    bool opened() {
        return h.pumpUntil([this] { return snap().declaration && snap().declaration->dossierNo == kDossier; }) &&
               h.settle();
    }
    /// Every item the checklist asks to acknowledge, acknowledged with its first listed reason.
    void acknowledgeAll() {
        // The ids first: each acknowledgement rebuilds the checklist.
        std::vector<std::string> ids;
        for (const auto& item : snap().checklist.items) {
            if (item.severity == declarations::CheckSeverity::Acknowledge) ids.push_back(item.id);
        }
        for (const auto& id : ids) {
            const auto& reasons = declarations::DecisionPolicy::ackReasons(id);
            INFO("checklist item " << id);
            REQUIRE_FALSE(reasons.empty());
            desk->acknowledge(id, reasons.front());
        }
    }
    std::int64_t decisions() { return h.count("SELECT count(*) FROM decisions"); }
    std::vector<std::string> pushedKeys() {
        std::lock_guard lock(portalMutex);
        return pushed;
    }
};

} // namespace

TEST_CASE("a scanned card opens its declaration and the approval goes to the outbox and the portal at once",
          "[app][desk_controller]") {
    DeskFixture f;
    f.desk->onScan(wedgeScan(kCard));
    REQUIRE(f.opened());
    CHECK(f.snap().card.has_value());
    CHECK(f.held == std::vector<std::string>{kDossier});
    // The deadline as the clerk reads it (dd/mm/yyyy, local time of 30/11/2099 09:12 +07:00).
    CHECK(f.snap().deadline.size() == 10);
    CHECK(f.snap().deadline.ends_with("/11/2099"));
    f.desk->setLease(kDossier, declarations::LeaseState::Held, "lease-1", "07916-D01");
    f.acknowledgeAll();  // no face models here: the missing face check is acknowledged
    INFO("verdict state " << static_cast<int>(f.snap().verdict.state));
    REQUIRE(f.snap().verdict.ready());

    f.desk->decide("", "", "", "");
    REQUIRE(f.h.pumpUntil([&] { return f.snap().decided || !f.snap().messageKey.empty(); }));
    INFO(f.snap().messageKey);
    REQUIRE(f.snap().decided);
    CHECK(f.snap().decidedOutcome == declarations::DecisionOutcome::Approved);
    CHECK(f.snap().portalState == "waiting");  // recorded here; the portal has not said yes
    CHECK(f.decisions() == 1);
    CHECK(f.h.count("SELECT count(*) FROM decisions WHERE lease_id = 'lease-1' AND officer_id = 'q6.clerk'") == 1);
    // One portal row, pushed at once by its key; no SMS or e-mail before the portal accepts.
    CHECK(f.h.count("SELECT count(*) FROM outbox WHERE channel = 'portal_decision' AND dossier_no = ?", kDossier) == 1);
    CHECK(f.h.count("SELECT count(*) FROM outbox WHERE channel IN ('sms', 'email')") == 0);
    const auto keys = f.pushedKeys();
    REQUIRE(keys.size() == 1);
    CHECK(f.h.count("SELECT count(*) FROM outbox WHERE key = ?", keys.front()) == 1);
    CHECK(f.h.count("SELECT count(*) FROM audit_log WHERE kind = 'decision' AND subject = ?", kDossier) == 1);
    // A second F8 changes nothing.
    f.desk->decide("", "", "", "");
    REQUIRE(f.h.settle());
    CHECK(f.decisions() == 1);
}

TEST_CASE("a dossier held by another desk cannot be approved and nothing is recorded", "[app][desk_controller]") {
    DeskFixture f;
    f.desk->onScan(wedgeScan(kCard));
    REQUIRE(f.opened());
    f.desk->setLease(kDossier, declarations::LeaseState::Conflict, "", "07916-D02");
    f.acknowledgeAll();
    CHECK(f.snap().verdict.state == declarations::ApprovalVerdict::State::Blocked);
    f.desk->decide("", "", "", "");
    CHECK(f.snap().messageKey == "decision.blocked");
    CHECK_FALSE(f.snap().deciding);
    REQUIRE(f.h.settle());
    CHECK_FALSE(f.snap().decided);
    CHECK(f.decisions() == 0);
    CHECK(f.pushedKeys().empty());
}

TEST_CASE("an officer without the right to decide is refused and nothing is recorded", "[app][desk_controller]") {
    DeskFixture f;
    f.desk->onScan(wedgeScan(kCard));
    REQUIRE(f.opened());
    f.desk->setLease(kDossier, declarations::LeaseState::Held, "lease-1", "07916-D01");
    f.acknowledgeAll();
    f.officer.clear();
    f.desk->decide("photo_mismatch", "", "", "");
    CHECK(f.snap().messageKey == "decision.denied");
    REQUIRE(f.h.settle());
    CHECK(f.decisions() == 0);
    CHECK(f.pushedKeys().empty());
}

TEST_CASE("the four-eyes password check does not hold the store thread", "[app][desk_controller]") {
    DeskFixture f(/*newOfficerDecisions=*/100);  // a new officer: an acknowledgement needs a second officer
    f.desk->openDossier(kDossier);                // from the queue, no card: acknowledged below
    REQUIRE(f.opened());
    f.desk->setLease(kDossier, declarations::LeaseState::Held, "lease-1", "07916-D01");
    f.acknowledgeAll();
    REQUIRE(f.snap().verdict.state == declarations::ApprovalVerdict::State::NeedsSecondOfficer);

    // The check (argon2id on the session's thread in the console) takes as long as the test says.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> asked{false};
    f.desk->setAccess([](std::string_view) -> Result<std::string> { return std::string("q6.clerk"); },
                      [&](const std::string& second, const std::string&) -> Result<std::string> {
                          asked = true;
                          released.wait();
                          return second;
                      },
                      {});
    f.desk->decide("", "", "q6.supervisor", "correct horse");
    REQUIRE(f.h.pumpUntil([&] { return asked.load(); }));
    // While the password is being checked, the store still answers (a card look-up, say).
    std::promise<void> storeRan;
    f.h.storeWorker->post([&storeRan](app::StoreContext&) { storeRan.set_value(); });
    CHECK(storeRan.get_future().wait_for(10s) == std::future_status::ready);
    CHECK(f.snap().deciding);
    release.set_value();
    REQUIRE(f.h.pumpUntil([&] { return f.snap().decided || !f.snap().messageKey.empty(); }));
    INFO(f.snap().messageKey);
    REQUIRE(f.snap().decided);
    CHECK(f.h.count("SELECT count(*) FROM decisions WHERE checks_json LIKE '%q6.supervisor%'") == 1);
}

TEST_CASE("a second officer the check refuses records nothing", "[app][desk_controller]") {
    DeskFixture f(100);
    f.desk->openDossier(kDossier);
    REQUIRE(f.opened());
    f.desk->setLease(kDossier, declarations::LeaseState::Held, "lease-1", "07916-D01");
    f.acknowledgeAll();
    f.desk->setAccess([](std::string_view) -> Result<std::string> { return std::string("q6.clerk"); },
                      [](const std::string&, const std::string&) -> Result<std::string> {
                          return makeError("security.bad_password", "wrong password");
                      },
                      {});
    f.desk->decide("", "", "q6.supervisor", "wrong");
    REQUIRE(f.h.pumpUntil([&] { return !f.snap().deciding; }));
    CHECK_FALSE(f.snap().decided);
    CHECK_FALSE(f.snap().messageKey.empty());
    REQUIRE(f.h.settle());
    CHECK(f.decisions() == 0);
}

TEST_CASE("a receipt viewer that never exits delays no decision", "[app][desk_controller][receipt]") {
    DeskFixture f;
    f.config.paths.dataDir = f.h.dir() / "data";
    // An xdg-open first on PATH that notes its pid and then stays open for two minutes, as a
    // viewer in the foreground of a bare kiosk session does.
    const std::filesystem::path bin = f.h.dir() / "bin";
    const std::filesystem::path started = f.h.dir() / "viewer.pid";
    std::filesystem::create_directories(bin);
    {
        std::ofstream script(bin / "xdg-open");
        script << "#!/bin/sh\necho $$ > '" << started.string() << "'\nexec sleep 120\n";
    }
    std::filesystem::permissions(bin / "xdg-open", std::filesystem::perms::owner_all);
    const std::string oldPath = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";
    ::setenv("PATH", (bin.string() + ":" + oldPath).c_str(), 1);
    auto catalog = ui::LangCatalog::loadDirectory(std::filesystem::path(BHXH_SOURCE_DIR) / "assets" / "lang");
    REQUIRE(catalog);

    declarations::Declaration other = test::pendingDeclaration("07916-2026-000400");
    other.expiresAt = "2099-11-30T09:12:00+07:00";
    other.idNumber = "079199054321";
    other.bhxhCode = "7913054321";
    f.h.storeDeclaration(other);

    f.desk->onScan(wedgeScan(kCard));
    REQUIRE(f.opened());
    f.desk->decide("photo_mismatch", "", "", "");
    REQUIRE(f.h.pumpUntil([&] { return f.snap().decided; }));
    f.desk->printReceipt(*catalog);
    REQUIRE(f.h.pumpUntil([&] { return f.snap().messageKey == "receipt.written" || f.snap().messageKey == "receipt.failed"; }));
    ::setenv("PATH", oldPath.c_str(), 1);
    CHECK(f.snap().messageKey == "receipt.written");
    REQUIRE(f.h.pumpUntil([&] { return std::filesystem::exists(started) && std::filesystem::file_size(started) > 0; }));

    // The viewer is still open: the next citizen is opened and decided all the same.
    f.desk->openIncoming();  // after a decision: an empty desk
    f.desk->openDossier("07916-2026-000400");
    REQUIRE(f.h.pumpUntil([&] { return f.snap().declaration && f.snap().declaration->dossierNo == "07916-2026-000400"; }));
    f.desk->decide("photo_mismatch", "", "", "");
    REQUIRE(f.h.pumpUntil([&] { return f.snap().decided; }));
    CHECK(f.decisions() == 2);

    int pid = 0;
    std::ifstream(started) >> pid;
    CHECK(pid > 0);
    if (pid > 0) ::kill(pid, SIGTERM);
}
