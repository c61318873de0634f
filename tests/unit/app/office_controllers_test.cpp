// The back-office controllers without a window: QueueController, OutboxController and
// DashboardController on a real store, its StoreWorker, the CPU pool and the UI queue drained by
// the test. The queue by deadline and a newer filter winning; the outbox's supervisor actions
// refused to a clerk and audited for a supervisor; the dashboard's figures, and its CSV export
// refused to a clerk and written private (0600) for a supervisor.
#include "app/dashboard_controller.h"
#include "app/outbox_controller.h"
#include "app/queue_controller.h"
#include "declarations/decision_recorder.h"
#include "sample_declaration.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_outbox_repository.h"

#include "controller_harness.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace bhxh;
namespace fs = std::filesystem;

namespace {

ui::LangCatalog lang() {
    auto loaded = ui::LangCatalog::loadDirectory(fs::path(BHXH_SOURCE_DIR) / "assets" / "lang");
    REQUIRE(loaded);
    return std::move(loaded).value();
}

/// An authorizer that lets `officer` do everything a supervisor does, or refuses everything.
AuthorizeFn signedIn(const std::string* officer) {
    return [officer](std::string_view) -> Result<std::string> {
        if (officer->empty()) return makeError("security.denied", "a clerk may not do this");
        return *officer;
    };
}

std::string isoInDays(int days) {
    const auto t = std::chrono::system_clock::now() + std::chrono::hours(24 * days);
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

TEST_CASE("the queue lists pending declarations by deadline and a newer filter wins", "[app][queue_controller]") {
    test::ControllerHarness h;
    const std::vector<std::pair<std::string, int>> seeded{
        {"07916-2026-000003", 9}, {"07916-2026-000001", 1}, {"07916-2026-000002", 4}};
    for (const auto& [no, days] : seeded) {
        auto d = test::pendingDeclaration(no);
        d.expiresAt = isoInDays(days);
        d.fullName = no == "07916-2026-000002" ? "Lê Thị Hoa" : "Nguyễn Thành Biên";
        h.storeDeclaration(d);
    }
    app::QueueController queue("07916", h.queue, *h.storeWorker);
    queue.query({});
    REQUIRE(h.pumpUntil([&] { return !queue.snapshot().loading && queue.snapshot().rows->size() == 3; }));
    const auto& rows = *queue.snapshot().rows;
    CHECK(rows[0].dossierNo == "07916-2026-000001");
    CHECK(rows[1].dossierNo == "07916-2026-000002");
    CHECK(rows[2].dossierNo == "07916-2026-000003");

    // Two queries in a row: only the second one's answer stays on screen.
    ui::QueueFilter due;
    due.dueWithinDays = 5;
    queue.query({});
    queue.query(due);
    REQUIRE(h.settle());
    CHECK(queue.snapshot().rows->size() == 2);
    ui::QueueFilter byName;
    byName.search = "le thi hoa";  // without diacritics, as a clerk types it
    queue.query(byName);
    REQUIRE(h.settle());
    REQUIRE(queue.snapshot().rows->size() == 1);
    CHECK(queue.snapshot().rows->front().dossierNo == "07916-2026-000002");
    h.stopWorkers();
}

TEST_CASE("outbox retry and cancel are refused to a clerk and audited for a supervisor", "[app][outbox_controller]") {
    test::ControllerHarness h;
    std::int64_t rowId = 0;
    {
        auto db = h.st->connect();
        REQUIRE(db);
        store::SqliteOutboxRepository outbox(*db);
        notify::OutboxItem sms;
        sms.key = "sms-1";
        sms.channel = notify::OutboxChannel::Sms;
        sms.dossierNo = "07916-2026-000123";
        sms.recipient = "0983847986";
        sms.payload = R"({"template":"approved"})";
        sms.secret = "Pw-4821-xyz";
        sms.maxAttempts = 3;
        auto id = outbox.enqueue(sms);  // queued, with the citizen's initial password
        REQUIRE(id);
        rowId = *id;
    }
    const auto catalog = lang();
    ui::StatusSnapshot status;
    std::string officer;  // a clerk first
    app::OutboxController controller(h.queue, *h.storeWorker, catalog, status, signedIn(&officer));
    controller.refresh();
    REQUIRE(h.pumpUntil([&] { return controller.snapshot().rows.size() == 1; }));
    CHECK(controller.snapshot().rows.front().state == notify::OutboxState::Queued);
    CHECK(controller.snapshot().rows.front().recipientMasked.find("0983847986") == std::string::npos);
    CHECK(status.outboxPending == 1);

    controller.cancel(rowId);
    CHECK_FALSE(controller.snapshot().actionMessage.empty());
    REQUIRE(h.settle());
    CHECK(h.count("SELECT count(*) FROM outbox WHERE state = 'queued' AND secret IS NOT NULL") == 1);
    CHECK(h.count("SELECT count(*) FROM audit_log WHERE kind = 'outbox_cancel'") == 0);

    officer = "q6.supervisor";
    controller.cancel(rowId);
    REQUIRE(h.settle());
    CHECK(h.count("SELECT count(*) FROM outbox WHERE state = 'cancelled'") == 1);
    CHECK(h.count("SELECT count(*) FROM outbox WHERE secret IS NOT NULL") == 0);  // the password is gone
    CHECK(h.count("SELECT count(*) FROM audit_log WHERE kind = 'outbox_cancel' AND officer_id = 'q6.supervisor'") == 1);
    CHECK(controller.snapshot().rows.front().state == notify::OutboxState::Cancelled);
    CHECK(status.outboxPending == 0);
    h.stopWorkers();
}

TEST_CASE("the dashboard counts today's decisions and exports them only for a supervisor", "[app][dashboard_controller]") {
    test::ControllerHarness h;
    {
        auto db = h.st->connect();
        REQUIRE(db);
        store::SqliteDecisionRepository decisions(*db);
        declarations::DecisionRecorder recorder(decisions);
        for (const char* no : {"07916-2026-000501", "07916-2026-000502"}) {
            declarations::DecisionRequest r;
            r.declaration = test::pendingDeclaration(no);
            r.declaration.expiresAt = isoInDays(5);
            r.outcome = std::string(no).back() == '1' ? declarations::DecisionOutcome::Approved
                                                      : declarations::DecisionOutcome::Rejected;
            r.reasonCode = r.outcome == declarations::DecisionOutcome::Rejected ? "photo_mismatch" : "";
            r.officerId = "q6.clerk";
            r.facts = test::clearFacts();
            auto recorded = recorder.record(r);
            INFO((recorded ? std::string() : recorded.error().describe()));
            REQUIRE(recorded);
        }
    }
    const auto catalog = lang();
    std::string officer;
    std::vector<std::string> notes;
    const fs::path exports = h.dir() / "exports";
    app::DashboardController dashboard("07916", exports, h.queue, *h.storeWorker, h.cpu, catalog, signedIn(&officer),
                                       [&notes](std::string_view kind, const std::string& subject, const std::string&) {
                                           notes.push_back(std::string(kind) + " " + subject);
                                       });
    dashboard.refresh();
    REQUIRE(h.pumpUntil([&] { return dashboard.snapshot().figures.approved + dashboard.snapshot().figures.rejected == 2; }));
    CHECK(dashboard.snapshot().figures.approved == 1);
    CHECK(dashboard.snapshot().figures.rejected == 1);
    REQUIRE(dashboard.snapshot().figures.officers.size() == 1);
    CHECK(dashboard.snapshot().figures.officers.front().officerId == "q6.clerk");

    dashboard.exportCsv();  // a clerk: refused, nothing written
    REQUIRE(h.settle());
    CHECK_FALSE(fs::exists(exports));
    CHECK(notes.empty());

    officer = "q6.supervisor";
    dashboard.exportCsv();
    REQUIRE(h.pumpUntil([&] { return !notes.empty(); }));
    const fs::path csv = exports / ("dashboard-" + dashboard.snapshot().figures.day + ".csv");
    REQUIRE(fs::is_regular_file(csv));
    CHECK((fs::status(csv).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(notes.front() == "export dashboard:" + dashboard.snapshot().figures.day);
    h.stopWorkers();
}
