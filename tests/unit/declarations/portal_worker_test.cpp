// The PortalWorker's lanes on a real SQLite store with scripted clients: the desk lane answers
// while the bulk lane is stuck in a sync page, a lease is renewed at half its ttl meanwhile, the
// decision just taken goes out ahead of the backlog, and stop ends a stuck request at once (the
// lane's stop token reaches the client) and releases the lease within its budget.
#include "declarations/decision_recorder.h"
#include "declarations/portal_worker.h"

#include "decision_test_support.h"
#include "desk_store.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace bhxh;
using namespace bhxh::declarations;
using namespace std::chrono_literals;

namespace {

// A client whose list call blocks until released or until the bound stop token is requested
// (as the curl client's transfer does); every call is counted.
class StuckPortal final : public PortalClient {
public:
    std::mutex mutex;
    std::condition_variable_any changed;
    bool released = false;
    std::atomic<int> listCalls{0}, listReturned{0}, lookups{0}, claims{0}, releases{0}, decides{0};
    std::atomic<long long> releaseBudgetMs{-1};
    std::vector<std::string> decidedKeys;
    RequestBounds bounds;

    void setBounds(RequestBounds b) override {
        std::lock_guard lock(mutex);
        bounds = std::move(b);
    }
    void release() {
        {
            std::lock_guard lock(mutex);
            released = true;
        }
        changed.notify_all();
    }
    Result<DeclarationPage> listDeclarations(const std::string&, const std::optional<std::string>&, int) override {
        ++listCalls;
        std::unique_lock lock(mutex);
        const std::stop_token stop = bounds.stop;
        changed.wait(lock, stop, [this] { return released; });
        ++listReturned;
        if (!released) return Error{portal_error::kCancelled, "list: abandoned"};
        return DeclarationPage{};
    }
    Result<Declaration> getDeclaration(const std::string&) override { return Error{"x", "unused"}; }
    Result<PortalFile> downloadFile(const std::string&, const std::string&) override { return Error{"x", "unused"}; }
    Result<std::vector<Declaration>> lookup(const std::string&) override {
        ++lookups;
        return std::vector<Declaration>{test::sampleDeclaration()};
    }
    Result<ContactCheck> contactCheck(const std::string&, const std::string&, const std::string&) override {
        return ContactCheck{};
    }
    Result<ClaimLease> claim(const std::string&, const std::string&, int) override {
        ++claims;
        return ClaimLease{"lease-" + std::to_string(claims.load()), "2026-12-06T10:00:00Z"};
    }
    Result<void> release(const std::string&, const std::string&) override {
        ++releases;
        std::lock_guard lock(mutex);
        releaseBudgetMs = bounds.budget.count();
        return {};
    }
    Result<DecisionAnswer> decide(const std::string&, const std::string& key, const std::string&) override {
        ++decides;
        std::lock_guard lock(mutex);
        decidedKeys.push_back(key);
        return DecisionAnswer{DecisionOutcome::Rejected, std::nullopt};
    }
    Result<void> anchorAudit(const AuditAnchor&) override { return {}; }
    Result<std::optional<AuditAnchor>> lastAuditAnchor() override { return std::optional<AuditAnchor>(); }
};

template <class F>
bool eventually(F condition, std::chrono::milliseconds timeout = 10s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

struct Lanes {
    test::DeskStore desk;
    test::DeskConnection bulkDb{desk.st};
    StuckPortal deskClient, bulkClient;
    PortalWorker::Options options() {
        PortalWorker::Options o;
        o.officeCode = "07916";
        o.syncInterval = 1h;
        o.pushInterval = 1h;
        o.claimTtlS = 2;  // renewed every second
        o.downloadFiles = false;
        o.syncAtStart = true;
        return o;
    }
    PortalWorker::LaneParts deskParts() {
        return {deskClient, desk.declarations, desk.syncState, desk.outbox, desk.decisions, nullptr};
    }
    PortalWorker::LaneParts bulkParts() {
        return {bulkClient, bulkDb.declarations, bulkDb.syncState, bulkDb.outbox, bulkDb.decisions, nullptr};
    }
};

} // namespace

TEST_CASE("a card lookup is answered while the bulk lane is stuck in a sync page", "[portal_worker]") {
    Lanes l;
    PortalWorker worker(l.deskParts(), l.bulkParts(), l.options(), {});
    worker.start();
    REQUIRE(eventually([&] { return l.bulkClient.listCalls == 1; }));

    std::atomic<bool> answered{false};
    std::size_t found = 0;
    worker.lookup("079206001234", [&](Result<std::vector<Declaration>> r) {
        REQUIRE(r.ok());
        found = r->size();
        answered = true;
    });
    REQUIRE(eventually([&] { return answered.load(); }));
    CHECK(found == 1);
    CHECK(l.bulkClient.listReturned == 0);  // the sync page is still hanging: the lookup did not wait for it
    // Stored by the desk lane before the answer.
    CHECK(l.desk.declarations.find(test::sampleDeclaration().dossierNo).value().has_value());

    // Stop ends the stuck page through the lane's stop token, long before any release.
    const auto start = std::chrono::steady_clock::now();
    worker.stop();
    CHECK(std::chrono::steady_clock::now() - start < 5s);
    CHECK(l.bulkClient.listReturned == 1);
}

TEST_CASE("a held lease is renewed at half its ttl during a stuck sync, and released within its budget at stop",
          "[portal_worker]") {
    Lanes l;
    std::mutex mutex;
    std::vector<HoldStatus> holds;
    PortalWorker::Callbacks callbacks;
    callbacks.onHold = [&](const HoldStatus& h) {
        std::lock_guard lock(mutex);
        holds.push_back(h);
    };
    PortalWorker worker(l.deskParts(), l.bulkParts(), l.options(), callbacks);
    worker.start();
    REQUIRE(eventually([&] { return l.bulkClient.listCalls == 1; }));
    worker.hold("07916-2026-000123", "q6.nguyenvana");
    // ttl 2 s: a claim at once, then one every second while the sync hangs.
    REQUIRE(eventually([&] { return l.deskClient.claims >= 3; }, 20s));
    CHECK(l.bulkClient.listReturned == 0);
    {
        std::lock_guard lock(mutex);
        REQUIRE_FALSE(holds.empty());
        CHECK(holds.back().held());
    }
    worker.stop();
    CHECK(l.deskClient.releases == 1);
    CHECK(l.deskClient.releaseBudgetMs == 1000);  // the farewell is bounded, not the client's 20 s
}

TEST_CASE("the decision just taken is pushed on the desk lane while the bulk lane is stuck", "[portal_worker]") {
    Lanes l;
    std::atomic<int> pushed{0};
    PortalWorker::Callbacks callbacks;
    callbacks.onPushed = [&](const notify::DrainStats& s) { pushed += static_cast<int>(s.sent); };
    PortalWorker worker(l.deskParts(), l.bulkParts(), l.options(), callbacks);
    worker.start();
    // The bulk lane has pushed its (empty) backlog and hangs in the sync's first page.
    REQUIRE(eventually([&] { return l.bulkClient.listCalls == 1; }));

    // The clerk decides now (the desk's store connection records it).
    test::DeskConnection clerk(l.desk.st);
    const auto request = test::rejectRequest("photo_mismatch");
    REQUIRE(clerk.declarations.upsert(request.declaration).ok());
    DecisionRecorder recorder(clerk.decisions);
    auto recorded = recorder.record(request);
    INFO((recorded ? std::string() : recorded.error().describe()));
    REQUIRE(recorded.ok());
    worker.pushDecision(recorded->idempotencyKey);
    REQUIRE(eventually([&] { return pushed.load() == 1; }));
    CHECK(l.deskClient.decides == 1);
    CHECK(l.bulkClient.decides == 0);
    CHECK(l.bulkClient.listReturned == 0);
    auto row = clerk.outbox.findByKey(recorded->idempotencyKey);
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    CHECK((*row)->state == notify::OutboxState::Sent);
    // Pushed once: a second request for the same key finds nothing to claim.
    worker.pushDecision(recorded->idempotencyKey);
    worker.lookup("079206001234", {});  // queued behind it on the same lane: a marker
    REQUIRE(eventually([&] { return l.deskClient.lookups == 1; }));
    CHECK(l.deskClient.decides == 1);
    worker.stop();
}
