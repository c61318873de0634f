// The decision flow against the real reference portal (bhxh-portal) on loopback: the desk's
// libcurl client, the real SQLite store, DecisionRecorder, PortalDecisionPusher and PortalWorker.
#include "declarations/adapters/curl_portal_client.h"
#include "declarations/adapters/disk_file_cache.h"
#include "declarations/decision_payload.h"
#include "declarations/decision_recorder.h"
#include "declarations/portal_decision_pusher.h"
#include "declarations/portal_errors.h"
#include "declarations/portal_worker.h"
#include "declarations/sync_engine.h"
#include "desk_store.h"
#include "loopback.h"
#include "portal_process.h"
#include "sample_declaration.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <mutex>
#include <thread>

using namespace bhxh;
using namespace bhxh::declarations;
using namespace std::chrono_literals;

namespace {

constexpr const char* kTokenD01 = "tok-decision-d01-5b2e9c1a7d3f";
constexpr const char* kTokenD02 = "tok-decision-d02-8c4f1e6b2a9d";
const std::map<std::string, std::string> kTokens{{"07916-D01", kTokenD01}, {"07916-D02", kTokenD02}};

std::vector<std::string> seedArgs(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--seed", "30", "--seed-value", "7", "--office", "07916"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::unique_ptr<CurlPortalClient> makeClient(int port, const std::string& desk = "07916-D01", long timeoutMs = 5000) {
    CurlPortalClient::Options o;
    o.baseUrl = "http://127.0.0.1:" + std::to_string(port) + "/api/desk/v1";
    o.deskId = desk;
    o.token = kTokens.at(desk);
    o.connectTimeoutMs = 1000;
    o.timeoutMs = timeoutMs;
    o.retries = 0;  // the outbox and the worker own retrying here
    o.backoffMs = 10;
    auto c = CurlPortalClient::create(o);
    REQUIRE(c.ok());
    return std::move(c).value();
}

/// One PortalWorker lane on a connection's repositories (DeskStore or DeskConnection).
template <class Connection>
PortalWorker::LaneParts lane(PortalClient& client, Connection& c, FileCache* files = nullptr) {
    return {client, c.declarations, c.syncState, c.outbox, c.decisions, files};
}

/// Polls `condition` until it holds or `timeout` passes; the test then checks what it needs.
template <class F>
bool waitFor(F condition, std::chrono::milliseconds timeout = 30s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

void syncInto(test::DeskStore& desk, PortalClient& client) {
    SyncEngine engine(client, desk.declarations, desk.syncState, nullptr, {"07916", 500, false, bhxh::image::kDefaultMaxPixels});
    auto summary = engine.runOnce();
    REQUIRE(summary.ok());
    REQUIRE_FALSE(summary->firstError);
    REQUIRE(summary->pulled > 0);
}

/// The first open declaration of the local copy matching `pred`.
template <class P>
Declaration pick(test::DeskStore& desk, P pred) {
    DeclarationQuery q;
    q.statuses = {bhxh::declarations::DeclarationStatus::Pending};
    auto open = desk.declarations.query(q);
    REQUIRE(open.ok());
    for (const auto& d : *open) {
        if (pred(d)) return d;
    }
    FAIL("no open declaration matches");
    return {};
}

bool isRegisterWithEmail(const Declaration& d) {
    return d.request == bhxh::declarations::DeclarationRequest::Register && d.kind == bhxh::declarations::DeclarationKind::Individual && d.email && !d.email->empty() && !d.phone.empty();
}

Decision approve(test::DeskStore& desk, const Declaration& d, const std::string& leaseId = "") {
    DecisionRequest r;
    r.declaration = d;
    r.outcome = DecisionOutcome::Approved;
    r.officerId = "q6.nguyenvana";
    r.leaseId = leaseId;
    r.officeName = "BHXH Quận 6";
    r.facts = test::clearFacts();
    r.facts.lease = leaseId.empty() ? LeaseState::Offline : LeaseState::Held;
    auto decision = DecisionRecorder(desk.decisions).record(r);
    REQUIRE(decision.ok());
    return decision.value();
}

notify::OutboxItem rowOf(test::DeskStore& desk, const std::string& key) {
    auto row = desk.outbox.findByKey(key);
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    return **row;
}

std::vector<notify::OutboxItem> followUpsOf(test::DeskStore& desk, const std::string& key) {
    auto all = desk.outbox.list(std::nullopt, 1000);
    REQUIRE(all.ok());
    std::vector<notify::OutboxItem> out;
    for (auto& r : *all) {
        if (r.key.rfind(key + ":", 0) == 0) out.push_back(r);
    }
    return out;
}

} // namespace

TEST_CASE("a decision made while the portal is down is pushed once it is back and one account",
          "[portal_decision][integration]") {
    test::TempFolder portalDir("bhxh-portal-decision-");
    test::DeskStore desk;
    const int port = test::freePort();
    auto client = makeClient(port);
    Declaration declaration;
    {
        test::PortalProcess portal(BHXH_PORTAL_BIN, portalDir.path(), kTokens, seedArgs({"--no-photos"}), port);
        syncInto(desk, *client);
        declaration = pick(desk, isRegisterWithEmail);
    }
    REQUIRE_FALSE(test::accepts(port));

    const auto decision = approve(desk, declaration);
    PortalDecisionPusher pusher(desk.outbox, desk.decisions, *client);
    auto offline = pusher.pushDue();
    REQUIRE(offline.ok());
    CHECK(offline->retried == 1);
    auto queued = rowOf(desk, decision.idempotencyKey);
    CHECK(queued.state == notify::OutboxState::Queued);
    CHECK(queued.lastError.find(portal_error::kNetwork) != std::string::npos);

    test::PortalProcess portal(BHXH_PORTAL_BIN, portalDir.path(), kTokens, seedArgs({"--no-photos"}), port);
    // The row waits out its backoff; a pusher whose clock is past it sends it now.
    PortalDecisionPusher later(desk.outbox, desk.decisions, *client, [] { return std::chrono::system_clock::now() + 1h; });
    auto online = later.pushDue();
    REQUIRE(online.ok());
    CHECK(online->sent == 1);
    CHECK(rowOf(desk, decision.idempotencyKey).state == notify::OutboxState::Sent);

    auto messages = followUpsOf(desk, decision.idempotencyKey);
    REQUIRE(messages.size() == 2);  // SMS and e-mail, each once
    const std::string password = messages[0].secret;
    CHECK(password.size() == 12);
    CHECK(messages[1].secret == password);

    // Nothing more to push, and the portal's replay of the key is the same account.
    CHECK(later.pushDue()->attempts() == 0);
    auto payload = DecisionPayload::parse(rowOf(desk, decision.idempotencyKey).payload);
    REQUIRE(payload.ok());
    auto replay = client->decide(declaration.dossierNo, decision.idempotencyKey, payload->portalBody());
    REQUIRE(replay.ok());
    REQUIRE(replay->account);
    CHECK(replay->account->username == declaration.bhxhCode);
    CHECK(replay->account->initialPassword == password);
    CHECK(followUpsOf(desk, decision.idempotencyKey).size() == 2);

    // Another key for the decided dossier is refused: the account exists once.
    auto second = client->decide(declaration.dossierNo, DecisionRecorder::makeIdempotencyKey(), payload->portalBody());
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == portal_error::kConflict);
}

TEST_CASE("two desks racing for one dossier: one lease and the other sees who holds it",
          "[portal_decision][integration]") {
    test::TempFolder portalDir("bhxh-portal-race-");
    test::PortalProcess portal(BHXH_PORTAL_BIN, portalDir.path(), kTokens, seedArgs({"--no-photos"}));
    auto c1 = makeClient(portal.port(), "07916-D01");
    auto c2 = makeClient(portal.port(), "07916-D02");
    test::DeskStore s1, s2;
    syncInto(s1, *c1);
    const Declaration target = pick(s1, [](const Declaration&) { return true; });

    std::mutex mutex;
    std::vector<std::pair<std::string, HoldStatus>> holds;
    auto onHold = [&](const std::string& desk) {
        return [&, desk](const HoldStatus& h) {
            std::lock_guard lock(mutex);
            holds.emplace_back(desk, h);
        };
    };
    PortalWorker::Options options{"07916", 1h, 1h, 120, 500, false, false, {}};
    auto b1 = makeClient(portal.port(), "07916-D01");
    auto b2 = makeClient(portal.port(), "07916-D02");
    test::DeskConnection bulk1(s1.st), bulk2(s2.st);
    PortalWorker w1(lane(*c1, s1), lane(*b1, bulk1), options, {{}, onHold("07916-D01"), {}, {}});
    PortalWorker w2(lane(*c2, s2), lane(*b2, bulk2), options, {{}, onHold("07916-D02"), {}, {}});
    w1.start();
    w2.start();
    w1.hold(target.dossierNo, "q6.nguyenvana");
    w2.hold(target.dossierNo, "q6.tranthib");
    REQUIRE(waitFor([&] {
        std::lock_guard lock(mutex);
        return holds.size() >= 2;
    }));
    std::lock_guard lock(mutex);
    REQUIRE(holds.size() == 2);
    const auto& a = holds[0];
    const auto& b = holds[1];
    CHECK(a.second.dossierNo == target.dossierNo);
    CHECK(b.second.dossierNo == target.dossierNo);
    REQUIRE(a.second.held() != b.second.held());
    const auto& winner = a.second.held() ? a : b;
    const auto& loser = a.second.held() ? b : a;
    CHECK_FALSE(winner.second.leaseId.empty());
    CHECK(loser.second.heldBy == winner.first);
    CHECK_FALSE(loser.second.heldUntil.empty());
    CHECK_FALSE(loser.second.offline);
}

TEST_CASE("a decision on an expired declaration fails its row with the portal's 410", "[portal_decision][integration]") {
    test::TempFolder portalDir("bhxh-portal-expiry-");
    test::PortalProcess portal(BHXH_PORTAL_BIN, portalDir.path(), kTokens, seedArgs({"--no-photos", "--near-expiry-s", "3"}));
    auto client = makeClient(portal.port());
    test::DeskStore desk;
    syncInto(desk, *client);
    // The soonest deadline is the near-expiry group's.
    DeclarationQuery q;
    q.statuses = {bhxh::declarations::DeclarationStatus::Pending};
    q.limit = 1;
    auto soonest = desk.declarations.query(q);
    REQUIRE(soonest.ok());
    REQUIRE(soonest->size() == 1);
    const Declaration d = soonest->front();
    const auto decision = approve(desk, d);

    REQUIRE(waitFor([&] {
        auto now = client->getDeclaration(d.dossierNo);
        return now.ok() && now->status == bhxh::declarations::DeclarationStatus::Expired;
    }));
    PortalDecisionPusher pusher(desk.outbox, desk.decisions, *client);
    auto stats = pusher.pushDue();
    REQUIRE(stats.ok());
    CHECK(stats->failed == 1);
    const auto row = rowOf(desk, decision.idempotencyKey);
    CHECK(row.state == notify::OutboxState::Failed);
    CHECK(row.lastError.find("portal.expired") != std::string::npos);
    CHECK(row.lastError.find("HTTP 410") != std::string::npos);
    CHECK(row.lastError.find("expired") != std::string::npos);
    CHECK(followUpsOf(desk, decision.idempotencyKey).empty());
}

TEST_CASE("a portal slower than the client's timeout is a transient error and a patient client then succeeds",
          "[portal_decision][integration]") {
    test::TempFolder portalDir("bhxh-portal-latency-");
    test::PortalProcess portal(BHXH_PORTAL_BIN, portalDir.path(), kTokens,
                               seedArgs({"--no-photos", "--latency-ms", "1500"}));
    auto patient = makeClient(portal.port(), "07916-D01", 10000);
    auto hasty = makeClient(portal.port(), "07916-D01", 300);
    test::DeskStore desk;
    syncInto(desk, *patient);
    const auto d = pick(desk, isRegisterWithEmail);
    const auto decision = approve(desk, d);

    PortalDecisionPusher quick(desk.outbox, desk.decisions, *hasty);
    auto first = quick.pushDue();
    REQUIRE(first.ok());
    CHECK(first->retried == 1);
    const auto waiting = rowOf(desk, decision.idempotencyKey);
    CHECK(waiting.state == notify::OutboxState::Queued);
    CHECK(waiting.lastError.find(portal_error::kTimeout) != std::string::npos);

    // The portal may have decided the timed-out request; the same key then answers the same.
    PortalDecisionPusher slow(desk.outbox, desk.decisions, *patient, [] { return std::chrono::system_clock::now() + 1h; });
    auto second = slow.pushDue();
    REQUIRE(second.ok());
    CHECK(second->sent == 1);
    CHECK(rowOf(desk, decision.idempotencyKey).state == notify::OutboxState::Sent);
    CHECK(followUpsOf(desk, decision.idempotencyKey).size() == 2);
}

TEST_CASE("PortalWorker: offline then online status and a lookup stores a card not cached",
          "[portal_decision][integration]") {
    test::TempFolder portalDir("bhxh-portal-worker-");
    test::DeskStore desk;
    const int port = test::freePort();
    auto client = makeClient(port);
    declarations::DiskFileCache files(desk.tmp.path() / "files");

    std::mutex mutex;
    std::vector<PortalStatus> statuses;
    PortalWorker::Options options{"07916", 1h, 1h, 120, 500, true, true, {}};
    auto bulkClient = makeClient(port);
    test::DeskConnection bulk(desk.st);
    PortalWorker worker(lane(*client, desk, &files), lane(*bulkClient, bulk, &files), options,
                        {[&](const PortalStatus& s) {
                             std::lock_guard lock(mutex);
                             statuses.push_back(s);
                         },
                         {},
                         {},
                         {}});
    worker.start();
    REQUIRE(waitFor([&] {
        std::lock_guard lock(mutex);
        return !statuses.empty();
    }));
    {
        std::lock_guard lock(mutex);
        CHECK_FALSE(statuses.back().online);
        CHECK(statuses.back().lastError.find(portal_error::kNetwork) != std::string::npos);
    }

    test::PortalProcess portal(BHXH_PORTAL_BIN, portalDir.path(), kTokens, seedArgs(), port);
    // Which card to look up: asked of the portal directly, so the desk's copy does not have it.
    auto page = makeClient(port)->listDeclarations("07916", std::nullopt, 500);
    REQUIRE(page.ok());
    std::string code;
    std::string dossierNo;
    for (const auto& d : page->items) {
        if (d.status == bhxh::declarations::DeclarationStatus::Pending && d.kind == bhxh::declarations::DeclarationKind::Individual && !d.files.empty()) {
            code = d.bhxhCode;
            dossierNo = d.dossierNo;
            break;
        }
    }
    REQUIRE_FALSE(code.empty());

    std::atomic<bool> done{false};
    std::optional<Result<std::vector<Declaration>>> found;
    bool storedBeforeDone = false;
    std::size_t filesCachedBeforeDone = 0;
    std::size_t filesTotal = 0;
    worker.lookup(code, [&](Result<std::vector<Declaration>> r) {
        // On the worker thread, which owns the store's connection: what is stored by now.
        auto stored = desk.declarations.find(dossierNo);
        if (stored.ok() && stored->has_value()) {
            storedBeforeDone = true;
            filesTotal = (*stored)->files.size();
            for (const auto& f : (*stored)->files) {
                auto path = desk.declarations.fileLocalPath(dossierNo, f.kind, f.sha256);
                if (path.ok() && path->has_value()) ++filesCachedBeforeDone;
            }
        }
        std::lock_guard lock(mutex);
        found = std::move(r);
        done = true;
    });
    REQUIRE(waitFor([&] { return done.load(); }));
    worker.syncNow();
    REQUIRE(waitFor([&] {
        std::lock_guard lock(mutex);
        return statuses.back().online && statuses.back().lastPulled > 0;
    }));
    worker.stop();

    std::lock_guard lock(mutex);
    REQUIRE(found);
    REQUIRE(found->ok());
    REQUIRE_FALSE(found->value().empty());
    CHECK(found->value().front().bhxhCode == code);
    CHECK(statuses.back().lastError.empty());
    CHECK(statuses.back().lastSync.time_since_epoch().count() > 0);
    CHECK(storedBeforeDone);
    CHECK(filesTotal > 0);
    CHECK(filesCachedBeforeDone == filesTotal);
}

TEST_CASE("contact check: an approved account's phone and e-mail are in use for any other code",
          "[portal_decision][integration]") {
    test::TempFolder portalDir("bhxh-portal-contact-");
    test::DeskStore desk;
    const int port = test::freePort();
    test::PortalProcess portal(BHXH_PORTAL_BIN, portalDir.path(), kTokens, seedArgs({"--no-photos"}), port);
    auto client = makeClient(port);
    syncInto(desk, *client);
    const Declaration d = pick(desk, isRegisterWithEmail);
    const std::string otherCode = d.bhxhCode == "0000000001" ? "0000000002" : "0000000001";

    // Before the approval nobody holds them; the declaration's own code never counts.
    auto before = client->contactCheck(d.phone, *d.email, otherCode);
    REQUIRE(before.ok());
    CHECK_FALSE(before->phoneInUseBy.has_value());
    CHECK_FALSE(before->emailInUseBy.has_value());

    const auto decision = approve(desk, d);
    PortalDecisionPusher pusher(desk.outbox, desk.decisions, *client);
    auto pushed = pusher.pushDue();
    REQUIRE(pushed.ok());
    REQUIRE(pushed->sent == 1);

    // Through the worker, as the desk asks it: the answer names the holder only masked.
    PortalWorker::Options options{"07916", 1h, 1h, 120, 500, false, false, {}};
    auto bulkClient = makeClient(portal.port());
    test::DeskConnection bulk(desk.st);
    PortalWorker worker(lane(*client, desk), lane(*bulkClient, bulk), options, {});
    worker.start();
    std::mutex mutex;
    std::optional<Result<ContactCheck>> answer;
    worker.checkContacts(d.phone, *d.email, otherCode, [&](Result<ContactCheck> r) {
        std::lock_guard lock(mutex);
        answer = std::move(r);
    });
    REQUIRE(waitFor([&] {
        std::lock_guard lock(mutex);
        return answer.has_value();
    }));
    worker.stop();
    REQUIRE(answer->ok());
    REQUIRE(answer->value().phoneInUseBy.has_value());
    REQUIRE(answer->value().emailInUseBy.has_value());
    CHECK(answer->value().phoneInUseBy->find(d.bhxhCode) == std::string::npos);
    const std::string& masked = *answer->value().phoneInUseBy;
    CHECK(masked.find('*') != std::string::npos);
    CHECK(masked.substr(masked.size() - 2) == d.bhxhCode.substr(8));

    auto own = client->contactCheck(d.phone, *d.email, d.bhxhCode);
    REQUIRE(own.ok());
    CHECK_FALSE(own->phoneInUseBy.has_value());
    CHECK_FALSE(own->emailInUseBy.has_value());
}

TEST_CASE("PortalWorker: the lease is renewed on time while a sync of 10000 declarations runs",
          "[portal_decision][integration]") {
    test::TempFolder portalDir("bhxh-portal-lease-");
    test::PortalProcess portal(BHXH_PORTAL_BIN, portalDir.path(), kTokens,
                               {"--seed", "10000", "--no-photos", "--latency-ms", "200", "--office", "07916"});
    auto deskClient = makeClient(portal.port());
    auto bulkClient = makeClient(portal.port(), "07916-D01", 30000);
    // The dossier to hold, asked of the portal directly (the desk's copy is empty).
    std::string dossierNo;
    std::optional<std::string> cursor;
    for (int pages = 0; dossierNo.empty() && pages < 20; ++pages) {
        auto page = deskClient->listDeclarations("07916", cursor, 500);
        REQUIRE(page.ok());
        for (const auto& d : page->items) {
            if (d.status == bhxh::declarations::DeclarationStatus::Pending) {
                dossierNo = d.dossierNo;
                break;
            }
        }
        if (!page->nextCursor) break;
        cursor = page->nextCursor;
    }
    REQUIRE_FALSE(dossierNo.empty());

    test::DeskStore desk;
    test::DeskConnection bulk(desk.st);
    std::mutex mutex;
    std::vector<std::pair<std::chrono::steady_clock::time_point, HoldStatus>> holds;
    std::atomic<bool> syncing{false}, synced{false};
    PortalWorker::Options options{"07916", 1h, 1h, 2, 500, false, true, {}};  // ttl 2 s: renewed every second
    PortalWorker::Callbacks callbacks;
    callbacks.onHold = [&](const HoldStatus& h) {
        std::lock_guard lock(mutex);
        holds.emplace_back(std::chrono::steady_clock::now(), h);
    };
    callbacks.onSyncProgress = [&](const SyncProgress& p) {
        syncing = p.phase != SyncProgress::Phase::Done;
        if (p.phase == SyncProgress::Phase::Done) synced = true;
    };
    PortalWorker worker(lane(*deskClient, desk), lane(*bulkClient, bulk), options, callbacks);
    worker.start();
    REQUIRE(waitFor([&] { return syncing.load(); }));
    worker.hold(dossierNo, "q6.nguyenvana");
    // 20 pages at 200 ms each plus storing: several renewals fall inside the sync.
    REQUIRE(waitFor([&] {
        std::lock_guard lock(mutex);
        return holds.size() >= 3;
    }));
    const bool stillSyncing = syncing && !synced;
    std::lock_guard lock(mutex);
    INFO("renewals seen: " << holds.size() << ", sync still running: " << stillSyncing);
    for (std::size_t i = 0; i < holds.size(); ++i) {
        CHECK(holds[i].second.held());
        if (i > 0) {
            // Renewed at half the ttl, before the lease (2 s) could run out.
            CHECK(holds[i].first - holds[i - 1].first < 2000ms);
        }
    }
    CHECK(stillSyncing);  // the renewals above happened during the sync, not after it
}
