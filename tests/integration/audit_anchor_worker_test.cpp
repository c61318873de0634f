// The PortalWorker's audit anchoring against the real bhxh-portal on loopback: the chain's head
// (real SQLite store, SqliteAuditHead) goes out at start and again every interval, and the
// portal's GET answers the last one.
#include "declarations/adapters/curl_portal_client.h"
#include "declarations/audit_anchorer.h"
#include "declarations/portal_worker.h"
#include "desk_store.h"
#include "portal_process.h"
#include "store/sqlite_audit_head.h"
#include "wait_for.h"

#include <catch2/catch.hpp>


using namespace bhxh;
using namespace bhxh::declarations;
using namespace std::chrono_literals;

namespace {

const std::map<std::string, std::string> kTokens{{"07916-D01", "tok-anchor-d01-3e7a1c9b5d2f"}};

std::unique_ptr<CurlPortalClient> makeClient(int port) {
    CurlPortalClient::Options o;
    o.baseUrl = "http://127.0.0.1:" + std::to_string(port) + "/api/desk/v1";
    o.deskId = "07916-D01";
    o.token = kTokens.at("07916-D01");
    o.retries = 0;
    auto c = CurlPortalClient::create(o);
    REQUIRE(c.ok());
    return std::move(c).value();
}

std::optional<AuditAnchor> portalAnchor(PortalClient& client) {
    auto last = client.lastAuditAnchor();
    REQUIRE(last.ok());
    return *last;
}

void appendEntry(test::DeskStore& desk, const std::string& subject) {
    REQUIRE(desk.audit.append({"reveal", "q6.nguyenvana", subject, "id_number", std::chrono::system_clock::now()}).ok());
}

} // namespace

TEST_CASE("PortalWorker anchors the audit chain's head at start and again every interval", "[audit_anchor][integration]") {
    test::TempFolder portalDir("bhxh-portal-anchor-");
    test::PortalProcess portal(BHXH_PORTAL_BIN, portalDir.path(), kTokens, {"--seed", "0", "--office", "07916"});
    test::DeskStore desk;
    appendEntry(desk, "07916-2026-000101");
    appendEntry(desk, "07916-2026-000102");

    auto checker = makeClient(portal.port());
    CHECK_FALSE(portalAnchor(*checker).has_value());

    // Each lane's own connection, client and repositories, as PortalLink builds them.
    test::DeskConnection deskLane(desk.st), bulkLane(desk.st);
    store::SqliteAuditHead head(bulkLane.db);
    auto deskClient = makeClient(portal.port());
    auto client = makeClient(portal.port());
    AuditAnchorer anchorer(*client, head);
    PortalWorker::Options options{"07916", 1h, 1h, 120, 500, false, false, {}};
    PortalWorker worker({*deskClient, deskLane.declarations, deskLane.syncState, deskLane.outbox, deskLane.decisions, nullptr},
                        {*client, bulkLane.declarations, bulkLane.syncState, bulkLane.outbox, bulkLane.decisions, nullptr},
                        options, {});
    worker.setAuditAnchorer(&anchorer, 300ms);
    worker.start();

    REQUIRE(test::waitFor([&] {
        auto a = portalAnchor(*checker);
        return a && a->seq == 2;
    }));
    const auto first = portalAnchor(*checker).value();
    CHECK(first.mac == store::SqliteAuditHead(desk.db).head().value()->mac);
    CHECK_FALSE(first.at.empty());

    appendEntry(desk, "07916-2026-000103");
    REQUIRE(test::waitFor([&] {
        auto a = portalAnchor(*checker);
        return a && a->seq == 3;
    }));
    worker.stop();
    // The desk's own note, for an offline verify.
    auto noted = store::SqliteAuditHead(desk.db).lastNoted();
    REQUIRE(noted.ok());
    REQUIRE(noted->has_value());
    CHECK((*noted)->seq == 3);
}
