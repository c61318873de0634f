#include "store_test_support.h"

#include "store/audit_chain.h"
#include "store/sqlite_audit_log.h"

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;

namespace {

void appendFive(SqliteAuditLog& log) {
    const auto t = std::chrono::system_clock::now();
    for (int i = 1; i <= 5; ++i) {
        auto seq = log.append({"reveal", "q6.nguyenvana", "07916-2026-00012" + std::to_string(i), "id_number", t});
        REQUIRE(seq.ok());
        CHECK(*seq == i);
    }
}

} // namespace

TEST_CASE("audit entries chain: each holds the previous hash and its own", "[store][audit]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteAuditLog log(db);
    appendFive(log);
    auto entries = log.read(1, 100);
    REQUIRE(entries->size() == 5);
    CHECK(entries->at(0).prevHash == AuditChain::genesisHash());
    for (std::size_t i = 1; i < entries->size(); ++i) CHECK(entries->at(i).prevHash == entries->at(i - 1).hash);
    CHECK(entries->at(2).hash == AuditChain::computeHash(entries->at(2)));
    CHECK(entries->at(2).hash.size() == 64);
    auto report = AuditChain::verify(db);
    REQUIRE(report.ok());
    CHECK(report->intact());
    CHECK(report->entries == 5);
}

TEST_CASE("readLatest gives the newest entries first, at most the limit", "[store][audit]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteAuditLog log(db);
    auto none = log.readLatest(3);
    REQUIRE(none.ok());
    CHECK(none->empty());
    appendFive(log);
    auto latest = log.readLatest(3);
    REQUIRE(latest.ok());
    REQUIRE(latest->size() == 3);
    CHECK(latest->at(0).seq == 5);
    CHECK(latest->at(2).seq == 3);
    CHECK(latest->at(0).event.subject == "07916-2026-000125");
    CHECK(log.readLatest(50)->size() == 5);
}

TEST_CASE("the canonical encoding cannot be confused by field contents", "[store][audit]") {
    AuditEntry a;
    a.seq = 1;
    a.event.kind = "reveal";
    a.event.subject = "ab";
    a.event.detail = "c";
    a.prevHash = AuditChain::genesisHash();
    AuditEntry b = a;
    b.event.subject = "a";
    b.event.detail = "bc";
    CHECK(AuditChain::canonicalEncoding(a) != AuditChain::canonicalEncoding(b));
    CHECK(AuditChain::computeHash(a) != AuditChain::computeHash(b));
}

TEST_CASE("the audit log refuses edits through SQLite", "[store][audit]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteAuditLog log(db);
    appendFive(log);
    CHECK_FALSE(db.exec("UPDATE audit_log SET detail = 'x' WHERE seq = 2").ok());
    CHECK_FALSE(db.exec("DELETE FROM audit_log WHERE seq = 2").ok());
}

TEST_CASE("an edited, re-sealed or deleted entry is found and named", "[store][audit]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteAuditLog log(db);
    appendFive(log);
    // Someone with the sqlite3 shell drops the guards first.
    REQUIRE(db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").ok());

    SECTION("content edited") {
        REQUIRE(db.exec("UPDATE audit_log SET officer_id = 'someone.else' WHERE seq = 3").ok());
        auto report = AuditChain::verify(db);
        REQUIRE(report.ok());
        REQUIRE(report->brokenSeq);
        CHECK(*report->brokenSeq == 3);
        CHECK(report->entries == 2);
        CHECK(report->reason.find("hash") != std::string::npos);
    }
    SECTION("content edited and its own hash recomputed: the next entry breaks") {
        auto entries = log.read(3, 1).value();
        entries[0].event.detail = "forged";
        const auto forged = AuditChain::computeHash(entries[0]);
        REQUIRE(db.exec("UPDATE audit_log SET detail = 'forged', hash = '" + forged + "' WHERE seq = 3").ok());
        auto report = AuditChain::verify(db);
        REQUIRE(report->brokenSeq);
        CHECK(*report->brokenSeq == 4);
        CHECK(report->reason.find("previous") != std::string::npos);
    }
    SECTION("an entry deleted") {
        REQUIRE(db.exec("DELETE FROM audit_log WHERE seq = 2").ok());
        auto report = AuditChain::verify(db);
        REQUIRE(report->brokenSeq);
        CHECK(*report->brokenSeq == 2);
        CHECK(report->reason.find("missing") != std::string::npos);
    }
}
