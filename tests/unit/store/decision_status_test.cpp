// The cached declaration follows the clerk's decision in the decision's own transaction, and the
// portal's copies that come later either agree with it or (a final status of the portal's) win.
#include "sample_declaration.h"
#include "store_test_support.h"

#include "declarations/declaration_json.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_queue_reader.h"

#include <nlohmann/json.hpp>

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;
using declarations::Declaration;

namespace {

const auto kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} + std::chrono::hours{2};

Declaration pending(const std::string& dossier, std::int64_t version, const std::string& status = "pending") {
    Declaration d = bhxh::test::pendingDeclaration(dossier, version);
    d.status = declarations::parseDeclarationStatus(status).value();
    d.updatedAt = "2026-11-20T09:12:0" + std::to_string(version) + "+07:00";
    return d;
}

// As the portal sends it: the document verbatim (with a field the model does not know).
Declaration fromPortal(const std::string& dossier, std::int64_t version, const std::string& status) {
    Declaration d = pending(dossier, version, status);
    auto doc = nlohmann::json::parse(declarations::DeclarationJson::serialize(d));
    doc["x_portal_note"] = "kept";
    d.sourceJson = doc.dump();
    return d;
}

std::string column(Database& db, const std::string& dossier) {
    auto stmt = db.prepare("SELECT status FROM declarations WHERE dossier_no = ?");
    REQUIRE(stmt.ok());
    stmt->bind(1, dossier);
    auto row = stmt->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    return stmt->getText(0);
}

std::string documentStatus(SqliteDeclarationRepository& repo, const std::string& dossier) {
    auto found = repo.find(dossier);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    return std::string(declarations::toString((*found)->status));
}

std::vector<std::string> pendingQueue(Database& db) {
    declarations::QueueFilter filter;
    filter.officeCode = "07916";
    auto rows = SqliteQueueReader(db).read(filter, kNow);
    REQUIRE(rows.ok());
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.dossierNo);
    return out;
}

declarations::Decision decided(const std::string& dossier, declarations::DecisionOutcome outcome) {
    auto d = makeDecision(dossier, "key-" + dossier);
    d.outcome = outcome;
    if (outcome == declarations::DecisionOutcome::Rejected) {
        d.reasonCode = "photo_mismatch";
        d.reasonText = "Ảnh chân dung không khớp với người nộp hồ sơ";
    }
    return d;
}

Result<std::int64_t> record(SqliteDecisionRepository& decisions, const declarations::Decision& d) {
    return decisions.record(d, {portalItem(d.dossierNo, d.idempotencyKey)}, decisionAudit(d.dossierNo));
}

// A store of its own for each test, with the two repositories on one connection.
struct StatusFixture {
    TempDir tmp;
    Store store = openStore(tmp.path());
    Database db = connect(store);
    SqliteDeclarationRepository declarationsRepo{db};
    SqliteDecisionRepository decisions{db};
};

} // namespace

TEST_CASE_METHOD(StatusFixture, "a decision gives the cached declaration its outcome in the same transaction", "[store][decision]") {
    REQUIRE(*declarationsRepo.upsert(fromPortal("07916-2026-000001", 3, "pending")));
    REQUIRE(*declarationsRepo.upsert(fromPortal("07916-2026-000002", 4, "claimed")));
    REQUIRE(*declarationsRepo.upsert(fromPortal("07916-2026-000003", 3, "pending")));
    CHECK(pendingQueue(db) == std::vector<std::string>{"07916-2026-000001", "07916-2026-000003"});

    REQUIRE(record(decisions, decided("07916-2026-000001", declarations::DecisionOutcome::Approved)).ok());
    REQUIRE(record(decisions, decided("07916-2026-000002", declarations::DecisionOutcome::Rejected)).ok());

    // The queue's column and the document find() returns both say it, with the portal's values.
    CHECK(column(db, "07916-2026-000001") == "approved");
    CHECK(documentStatus(declarationsRepo, "07916-2026-000001") == "approved");
    CHECK(column(db, "07916-2026-000002") == "rejected");
    CHECK(documentStatus(declarationsRepo, "07916-2026-000002") == "rejected");
    CHECK(column(db, "07916-2026-000003") == "pending");
    CHECK(pendingQueue(db) == std::vector<std::string>{"07916-2026-000003"});
    // Nothing else of the declaration changed: the portal's version, the fields it alone knows.
    auto found = declarationsRepo.find("07916-2026-000001");
    REQUIRE(found->has_value());
    CHECK((*found)->version == 3);
    CHECK((*found)->fullName == "Nguyễn Thành Biên");
    CHECK((*found)->sourceJson.find("x_portal_note") != std::string::npos);

    // From another connection (the queue's store worker): the change is committed.
    auto other = connect(store);
    CHECK(column(other, "07916-2026-000001") == "approved");
}

TEST_CASE_METHOD(StatusFixture, "a refused decision leaves the declaration's status as it was", "[store][decision]") {
    REQUIRE(*declarationsRepo.upsert(fromPortal("07916-2026-000010", 3, "pending")));
    REQUIRE(*declarationsRepo.upsert(fromPortal("07916-2026-000011", 3, "pending")));
    REQUIRE(record(decisions, decided("07916-2026-000010", declarations::DecisionOutcome::Rejected)).ok());

    SECTION("a second decision on the dossier") {
        auto again = makeDecision("07916-2026-000010", "key-again");
        REQUIRE_FALSE(record(decisions, again).ok());
        CHECK(column(db, "07916-2026-000010") == "rejected");
    }
    SECTION("a full disk: the whole transaction goes, the status change with it") {
        const auto pages = *db.queryInt("PRAGMA page_count");
        REQUIRE(db.queryInt("PRAGMA max_page_count = " + std::to_string(pages)).ok());
        auto d = decided("07916-2026-000011", declarations::DecisionOutcome::Approved);
        auto big = portalItem(d.dossierNo, d.idempotencyKey);
        big.payload = std::string(64 * 1024, 'x');
        auto result = decisions.record(d, {big}, decisionAudit(d.dossierNo));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "store.full");
        auto check = connect(store);
        CHECK(column(check, "07916-2026-000011") == "pending");
        CHECK(pendingQueue(check) == std::vector<std::string>{"07916-2026-000011"});
    }
}

TEST_CASE_METHOD(StatusFixture, "later copies from the portal: an open one keeps the local outcome, a final one wins", "[store][decision][sync]") {
    const std::string dossier = "07916-2026-000020";
    REQUIRE(*declarationsRepo.upsert(fromPortal(dossier, 3, "pending")));
    REQUIRE(record(decisions, decided(dossier, declarations::DecisionOutcome::Approved)).ok());

    // The same version looked up again before the outbox reached the portal (the portal down).
    REQUIRE(*declarationsRepo.upsert(fromPortal(dossier, 3, "pending")));
    CHECK(column(db, dossier) == "approved");
    CHECK(documentStatus(declarationsRepo, dossier) == "approved");
    // The portal's claim (version 4) pulled by the sync: still the local outcome, the new version kept.
    REQUIRE(*declarationsRepo.storePage({fromPortal(dossier, 4, "claimed")}, "office:07916", std::string("c1")));
    CHECK(column(db, dossier) == "approved");
    auto found = declarationsRepo.find(dossier);
    REQUIRE(found->has_value());
    CHECK((*found)->status == declarations::DeclarationStatus::Approved);
    CHECK((*found)->version == 4);
    CHECK((*found)->sourceJson.find("x_portal_note") != std::string::npos);
    CHECK(pendingQueue(db).empty());
    // The portal took the decision (version 5): they agree.
    REQUIRE(*declarationsRepo.storePage({fromPortal(dossier, 5, "approved")}, "office:07916", std::string("c2")));
    CHECK(column(db, dossier) == "approved");

    SECTION("the portal's own final word wins, whatever the desk decided") {
        // E.g. another desk's decision reached the portal first, or the deadline passed.
        REQUIRE(*declarationsRepo.storePage({fromPortal(dossier, 6, "rejected")}, "office:07916", std::string("c3")));
        CHECK(column(db, dossier) == "rejected");
        CHECK(documentStatus(declarationsRepo, dossier) == "rejected");
        REQUIRE(*declarationsRepo.upsert(fromPortal(dossier, 7, "expired")));
        CHECK(column(db, dossier) == "expired");
        CHECK(documentStatus(declarationsRepo, dossier) == "expired");
    }
    SECTION("a declaration the desk did not decide keeps the portal's status") {
        REQUIRE(*declarationsRepo.upsert(fromPortal("07916-2026-000021", 3, "claimed")));
        CHECK(column(db, "07916-2026-000021") == "claimed");
        CHECK(documentStatus(declarationsRepo, "07916-2026-000021") == "claimed");
    }
}
