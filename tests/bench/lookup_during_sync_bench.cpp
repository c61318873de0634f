// A walk-in lookup while a sync runs (#17). Starts the real bhxh-portal with 10,000 declarations
// and 200 ms of latency per request, then the real PortalWorker (two lanes, curl, SQLite):
// 20 lookups of seeded cards with no sync (alone), then 20 while a full sync of a fresh store
// runs. Prints one line:
//   lookup_p50_ms=… lookup_p95_ms=… alone_p50_ms=… alone_p95_ms=… sync_ms=… during_sync=20/20 goal=met
// Goal: p95 during a sync ≤ 2 × alone p95 + 100 ms.
//   build/ci/tests/bench/bench_lookup_during_sync
#include "declarations/adapters/curl_portal_client.h"
#include "declarations/portal_worker.h"

#include "desk_store.h"
#include "portal_process.h"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>

using namespace bhxh;
using namespace bhxh::declarations;
using namespace std::chrono_literals;

namespace {

const std::map<std::string, std::string> kTokens{{"07916-D01", "tok-bench-lookup-d01-3e8a1c"}};

std::unique_ptr<CurlPortalClient> client(int port) {
    CurlPortalClient::Options o;
    o.baseUrl = "http://127.0.0.1:" + std::to_string(port) + "/api/desk/v1";
    o.deskId = "07916-D01";
    o.token = kTokens.at("07916-D01");
    o.timeoutMs = 30000;
    auto c = CurlPortalClient::create(o);
    REQUIRE(c.ok());
    return std::move(c).value();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// One desk: a fresh store, a client and a connection per lane, the worker.
struct Desk {
    test::DeskStore store;
    test::DeskConnection bulkDb{store.st};
    std::unique_ptr<CurlPortalClient> deskClient, bulkClient;
    std::atomic<bool> syncing{false};
    std::atomic<bool> syncDone{false};
    std::unique_ptr<PortalWorker> worker;

    Desk(int port, bool sync) : deskClient(client(port)), bulkClient(client(port)) {
        PortalWorker::Options o;
        o.officeCode = "07916";
        o.syncInterval = 1h;
        o.pushInterval = 1h;
        o.downloadFiles = false;
        o.syncAtStart = sync;
        PortalWorker::Callbacks cb;
        cb.onSyncProgress = [this](const SyncProgress& p) {
            syncing = p.phase != SyncProgress::Phase::Done;
            if (p.phase == SyncProgress::Phase::Done) syncDone = true;
        };
        worker = std::make_unique<PortalWorker>(
            PortalWorker::LaneParts{*deskClient, store.declarations, store.syncState, store.outbox, store.decisions, nullptr},
            PortalWorker::LaneParts{*bulkClient, bulkDb.declarations, bulkDb.syncState, bulkDb.outbox, bulkDb.decisions, nullptr},
            o, cb);
        worker->start();
    }

    // Posts one lookup and waits for its answer; the time from post to answer, in ms.
    double lookup(const std::string& code) {
        std::mutex m;
        std::condition_variable cv;
        bool done = false;
        bool ok = false;
        std::string error;
        const auto start = std::chrono::steady_clock::now();
        worker->lookup(code, [&](Result<std::vector<Declaration>> r) {
            std::lock_guard lock(m);
            ok = r.ok() && !r->empty();
            error = r.ok() ? std::string("no declaration") : r.error().describe();
            done = true;
            cv.notify_one();
        });
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return done; });
        INFO(error);
        REQUIRE(ok);
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
};

} // namespace

TEST_CASE("bench: card lookups during a 10,000-declaration sync") {
    test::TempFolder dir("bhxh-bench-lookup-");
    test::PortalProcess portal(BHXH_PORTAL_BIN, dir.path(), kTokens,
                               {"--seed", "10000", "--no-photos", "--latency-ms", "200", "--office", "07916"});
    // 40 seeded cards of pending declarations (the portal looks up open ones), page by page.
    auto lister = client(portal.port());
    std::vector<std::string> codes;
    std::optional<std::string> cursor;
    for (int pages = 0; codes.size() < 40 && pages < 20; ++pages) {
        auto page = lister->listDeclarations("07916", cursor, 500);
        REQUIRE(page.ok());
        for (const auto& d : page->items) {
            if (d.status == bhxh::declarations::DeclarationStatus::Pending && !d.bhxhCode.empty() && codes.size() < 40) codes.push_back(d.bhxhCode);
        }
        if (!page->nextCursor) break;
        cursor = page->nextCursor;
    }
    REQUIRE(codes.size() == 40);

    std::vector<double> alone, during;
    {
        Desk desk(portal.port(), false);
        for (int i = 0; i < 20; ++i) alone.push_back(desk.lookup(codes[static_cast<std::size_t>(i)]));
    }
    int inSync = 0;
    const auto start = std::chrono::steady_clock::now();
    double syncMs = 0;
    {
        Desk desk(portal.port(), true);
        while (!desk.syncing && !desk.syncDone) std::this_thread::sleep_for(10ms);
        std::this_thread::sleep_for(1s);
        for (int i = 20; i < 40; ++i) {
            const bool wasSyncing = desk.syncing && !desk.syncDone;
            during.push_back(desk.lookup(codes[static_cast<std::size_t>(i)]));
            if (wasSyncing && desk.syncing && !desk.syncDone) ++inSync;
        }
        while (!desk.syncDone) std::this_thread::sleep_for(10ms);
        syncMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
    const double p50 = percentile(during, 0.5), p95 = percentile(during, 0.95);
    const double a50 = percentile(alone, 0.5), a95 = percentile(alone, 0.95);
    const bool met = p95 <= 2 * a95 + 100;
    std::printf("lookup_p50_ms=%.0f lookup_p95_ms=%.0f alone_p50_ms=%.0f alone_p95_ms=%.0f sync_ms=%.0f "
                "during_sync=%d/20 goal=%s\n",
                p50, p95, a50, a95, syncMs, inSync, met ? "met" : "missed");
    std::fflush(stdout);
}
