#include "store_test_support.h"

#include "store/audit_chain.h"
#include "store/sqlite_decision_repository.h"

#include <sqlite3.h>

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;

TEST_CASE("a decision, its outbox rows and its audit entry are written together", "[store][decision]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDecisionRepository decisions(db);
    auto d = makeDecision("07916-2026-000123", "5f0c-key");
    auto sms = portalItem("07916-2026-000123", "5f0c-key:sms");
    sms.channel = notify::OutboxChannel::Sms;
    auto id = decisions.record(d, {portalItem(d.dossierNo, d.idempotencyKey), sms}, decisionAudit(d.dossierNo));
    REQUIRE(id.ok());
    CHECK(count(db, "decisions") == 1);
    CHECK(count(db, "outbox") == 2);
    CHECK(count(db, "audit_log") == 1);

    auto found = decisions.findByDossier(d.dossierNo);
    REQUIRE(found->has_value());
    CHECK((*found)->id == *id);
    CHECK((*found)->idempotencyKey == "5f0c-key");
    CHECK((*found)->checks.faceScore == Approx(0.71));
    CHECK((*found)->checks.fieldsMatched.size() == 2);
    CHECK((*found)->checks.walkIn);
    CHECK(decisions.recent(10)->size() == 1);
    // The decision is durable on its own connection: synchronous=FULL.
    CHECK(*db.queryInt("PRAGMA synchronous") == 2);
}

TEST_CASE("a second decision on a dossier is refused and adds nothing", "[store][decision]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDecisionRepository decisions(db);
    auto d = makeDecision("07916-2026-000124", "key-a");
    REQUIRE(decisions.record(d, {portalItem(d.dossierNo, "key-a")}, decisionAudit(d.dossierNo)).ok());
    auto again = makeDecision("07916-2026-000124", "key-b");
    auto second = decisions.record(again, {portalItem(again.dossierNo, "key-b")}, decisionAudit(again.dossierNo));
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == "store.decision_exists");
    CHECK(count(db, "outbox") == 1);
    CHECK(count(db, "audit_log") == 1);
}

TEST_CASE("a decision without its portal outbox row, or a rejection without a reason, is refused", "[store][decision]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDecisionRepository decisions(db);
    auto d = makeDecision("07916-2026-000125", "key-c");
    CHECK(decisions.record(d, {}, decisionAudit(d.dossierNo)).error().code == "store.decision_invalid");
    d.outcome = declarations::DecisionOutcome::Rejected;
    auto rejected = decisions.record(d, {portalItem(d.dossierNo, "key-c")}, decisionAudit(d.dossierNo));
    REQUIRE_FALSE(rejected.ok());
    CHECK(rejected.error().message.find("reason_code") != std::string::npos);
    CHECK(count(db, "decisions") == 0);
}

TEST_CASE("a full disk makes the decision fail visibly with nothing half-written", "[store][decision]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDecisionRepository decisions(db);
    auto first = makeDecision("07916-2026-000001", "k-first");
    REQUIRE(decisions.record(first, {portalItem(first.dossierNo, "k-first")}, decisionAudit(first.dossierNo)).ok());

    // The database may not grow any more: the decision row fits in a page, its big outbox row does not.
    const auto pages = *db.queryInt("PRAGMA page_count");
    REQUIRE(db.queryInt("PRAGMA max_page_count = " + std::to_string(pages)).ok());
    auto d = makeDecision("07916-2026-000002", "k-full");
    auto big = portalItem(d.dossierNo, "k-full");
    big.payload = std::string(64 * 1024, 'x');
    auto result = decisions.record(d, {big}, decisionAudit(d.dossierNo));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "store.full");
    CHECK(result.error().message.find("nothing was saved") != std::string::npos);
    CHECK(sqlite3_get_autocommit(db.handle()) != 0);  // no transaction left open

    // From a fresh connection: only the first decision and its rows exist.
    auto check = connect(store);
    CHECK(count(check, "decisions") == 1);
    CHECK(count(check, "outbox") == 1);
    CHECK(count(check, "audit_log") == 1);
    CHECK_FALSE(SqliteDecisionRepository(check).findByDossier(d.dossierNo)->has_value());
    CHECK(AuditChain::verify(check)->intact());
}
