// The keyed audit chain (AuditKeyring, AuditChain with keys) on real SQLite files.
#include "store_test_support.h"

#include "store/audit_chain.h"
#include "store/audit_key.h"
#include "store/sqlite_audit_log.h"

#include <functional>
#include <sys/stat.h>

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;

namespace {

std::shared_ptr<const AuditKeyring> ringOf(std::vector<AuditKey> keys) {
    return std::make_shared<AuditKeyring>(AuditKeyring::fromKeys(std::move(keys)));
}

Store openKeyedStore(const std::filesystem::path& dir, std::shared_ptr<const AuditKeyring> keys) {
    StoreOptions options;
    options.dbPath = dir / "desk.sqlite";
    options.auditKeys = std::move(keys);
    auto store = Store::open(options);
    if (!store) FAIL(store.error().describe());
    return std::move(store).value();
}

void appendDecisions(Database& db, int n) {
    SqliteAuditLog log(db);
    for (int i = 1; i <= n; ++i) {
        REQUIRE(log.append({"decision", "q6.nguyenvana", "07916-2026-00010" + std::to_string(i), "approved",
                            std::chrono::system_clock::now()})
                    .ok());
    }
}

// A store under a fresh key, and one connection on it.
struct KeyedDesk {
    TempDir tmp;
    std::shared_ptr<const AuditKeyring> keys = ringOf({AuditKeyring::generate()});
    Store store = openKeyedStore(tmp.path(), keys);
    Database db = connect(store);
};

// What an insider with the sqlite3 shell and no key does: drop the guards, edit entries from
// `seq` on, recompute the plain SHA-256 of each (chained), restore the guards.
void rewriteWithPlainHashes(Database& db, std::int64_t seq, const std::function<void(AuditEntry&)>& edit) {
    REQUIRE(db.exec("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;").ok());
    auto entries = SqliteAuditLog(db).read(seq, 1000).value();
    std::string prev = entries.front().prevHash;
    for (auto& e : entries) {
        edit(e);
        e.prevHash = prev;
        e.hash = AuditChain::computeHash(e);
        auto update = db.prepare(
            "UPDATE audit_log SET kind = ?, officer_id = ?, detail = ?, prev_hash = ?, hash = ? WHERE seq = ?");
        REQUIRE(update.ok());
        update->bind(1, e.event.kind).bind(2, e.event.officerId).bind(3, e.event.detail).bind(4, e.prevHash);
        update->bind(5, e.hash).bind(6, e.seq);
        REQUIRE(update->run().ok());
        prev = e.hash;
    }
    REQUIRE(db.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
                    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;")
                .ok());
}

// The forge experiment: entry `seq` gets another officer and the opposite outcome.
void forgeWithPlainHashes(Database& db, std::int64_t seq) {
    rewriteWithPlainHashes(db, seq, [seq](AuditEntry& e) {
        if (e.seq != seq) return;
        e.event.officerId = "q6.someone.else";
        e.event.detail = "rejected";
    });
}

// The report names `seq` as the first broken entry, for `reasonKey`.
void requireBrokenAt(const Result<AuditVerifyReport>& report, std::int64_t seq, const std::string& reasonKey) {
    REQUIRE(report.ok());
    REQUIRE(report->brokenSeq);
    CHECK(*report->brokenSeq == seq);
    CHECK(report->reasonKey == reasonKey);
}

} // namespace

TEST_CASE("the key file is created 0600 in a 0700 folder, read back, and refused when others may read it",
          "[store][audit][key]") {
    TempDir tmp;
    const auto file = tmp.path() / "keys" / "audit.key";
    bool created = false;
    auto ring = AuditKeyring::loadOrCreate(file, &created);
    REQUIRE(ring.ok());
    CHECK(created);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat(file.parent_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    auto again = AuditKeyring::loadOrCreate(file, &created);
    REQUIRE(again.ok());
    CHECK_FALSE(created);
    CHECK(again->current().id == ring->current().id);
    CHECK(again->current().bytes == ring->current().bytes);
    ::chmod(file.c_str(), 0640);
    auto open = AuditKeyring::load(file);
    REQUIRE_FALSE(open.ok());
    CHECK(open.error().message.find("chmod 600") != std::string::npos);
}

TEST_CASE("rotation keeps the old key and puts a new one in force", "[store][audit][key]") {
    TempDir tmp;
    const auto file = tmp.path() / "keys" / "audit.key";
    auto first = AuditKeyring::loadOrCreate(file).value().current().id;
    auto rotated = AuditKeyring::rotate(file);
    REQUIRE(rotated.ok());
    CHECK(rotated->keys().size() == 2);
    CHECK(rotated->current().id != first);
    CHECK(rotated->find(first) != nullptr);
    CHECK(AuditKeyring::load(file)->current().id == rotated->current().id);
}

TEST_CASE("a keyed chain: introduced at open, every entry MACed, and checked only with the key",
          "[store][audit][key]") {
    KeyedDesk desk;
    auto& db = desk.db;
    const auto& keys = desk.keys;
    appendDecisions(db, 4);
    auto entries = SqliteAuditLog(db).read(1, 100).value();
    REQUIRE(entries.size() == 5);
    CHECK(entries[0].event.kind == AuditChain::kKeyIntroduced);
    CHECK(entries[0].event.detail == "key=" + keys->current().id);
    CHECK(entries[2].hash != AuditChain::computeHash(entries[2]));  // a MAC, not the plain hash

    auto report = AuditChain::verify(db, keys.get());
    REQUIRE(report.ok());
    CHECK(report->intact());
    CHECK(report->entries == 5);
    CHECK(report->keyedFrom == 1);
    CHECK(report->head.seq == 5);

    SECTION("without the key file the keyed part cannot be checked") {
        requireBrokenAt(AuditChain::verify(db), 1, "audit.reason.no_key");
    }
    SECTION("a wrong key fails") {
        auto wrong = ringOf({AuditKeyring::generate()});
        requireBrokenAt(AuditChain::verify(db, wrong.get()), 1, "audit.reason.key_unknown");
    }
    SECTION("a connection without the key refuses to append rather than write an unchecked entry") {
        auto plain = Database::open(desk.tmp.path() / "desk.sqlite");
        REQUIRE(plain.ok());
        auto refused = SqliteAuditLog(*plain).append({"login", "q6.x", "q6.x", "", std::chrono::system_clock::now()});
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == "audit.no_key");
    }
}

TEST_CASE("the forge experiment: officer and outcome rewritten with recomputed plain hashes fail the keyed check",
          "[store][audit][key]") {
    KeyedDesk desk;
    auto& db = desk.db;
    const auto& keys = desk.keys;
    appendDecisions(db, 5);
    forgeWithPlainHashes(db, 4);
    requireBrokenAt(AuditChain::verify(db, keys.get()), 4, "audit.reason.bad_mac");
}

TEST_CASE("the forge experiment passes an unkeyed chain: what the key is for", "[store][audit][key]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    appendDecisions(db, 5);
    forgeWithPlainHashes(db, 4);
    CHECK(AuditChain::verify(db)->intact());
}

TEST_CASE("a keyed chain rewritten whole as plain hashes fails while the desk has a key", "[store][audit][key]") {
    KeyedDesk desk;
    auto& db = desk.db;
    const auto& keys = desk.keys;
    appendDecisions(db, 3);
    // The introduction itself becomes a plain login entry, everything after it plain too.
    rewriteWithPlainHashes(db, 1, [](AuditEntry& e) {
        if (e.seq != 1) return;
        e.event.kind = "login";
        e.event.detail = "";
    });
    REQUIRE(AuditChain::verify(db)->intact());  // what a desk without the key would believe
    requireBrokenAt(AuditChain::verify(db, keys.get()), 1, "audit.reason.unkeyed");
}

TEST_CASE("the anchor catches truncation and a rewrite the key alone cannot", "[store][audit][key]") {
    KeyedDesk desk;
    auto& db = desk.db;
    const auto& keys = desk.keys;
    appendDecisions(db, 5);
    const AuditHead anchor = AuditChain::head(db).value().value();
    REQUIRE(anchor.seq == 6);
    CHECK(AuditChain::verify(db, keys.get(), &anchor)->intact());
    CHECK(AuditChain::verify(db, keys.get(), &anchor)->anchorChecked);
    REQUIRE(db.exec("DROP TRIGGER audit_log_no_delete;").ok());

    SECTION("the tail deleted: every MAC still holds, the anchor does not") {
        REQUIRE(db.exec("DELETE FROM audit_log WHERE seq >= 5").ok());
        CHECK(AuditChain::verify(db, keys.get())->intact());
        requireBrokenAt(AuditChain::verify(db, keys.get(), &anchor), 5, "audit.reason.truncated");
    }
    SECTION("someone with the key re-seals a rewritten tail: the anchored entry differs") {
        REQUIRE(db.exec("DELETE FROM audit_log WHERE seq >= 4").ok());
        SqliteAuditLog log(db);
        for (int i = 0; i < 3; ++i) {
            REQUIRE(log.append({"decision", "q6.someone.else", "07916-2026-000999", "rejected",
                                std::chrono::system_clock::now()}).ok());
        }
        CHECK(AuditChain::verify(db, keys.get())->intact());
        requireBrokenAt(AuditChain::verify(db, keys.get(), &anchor), 6, "audit.reason.anchor_differs");
    }
    SECTION("a plain delete in the middle") {
        REQUIRE(db.exec("DELETE FROM audit_log WHERE seq = 3").ok());
        requireBrokenAt(AuditChain::verify(db, keys.get(), &anchor), 3, "audit.reason.missing");
    }
}

TEST_CASE("an existing unkeyed log: the key is introduced after its entries, which the first MAC then pins",
          "[store][audit][key]") {
    TempDir tmp;
    {
        auto store = openStore(tmp.path());
        auto db = connect(store);
        appendDecisions(db, 3);
    }
    auto keys = ringOf({AuditKeyring::generate()});
    auto store = openKeyedStore(tmp.path(), keys);
    auto db = connect(store);
    appendDecisions(db, 2);
    auto report = AuditChain::verify(db, keys.get());
    REQUIRE(report->intact());
    CHECK(report->keyedFrom == 4);
    CHECK(report->entries == 6);

    SECTION("an entry from before the key rewritten with plain hashes: the introduction's MAC breaks") {
        REQUIRE(db.exec("DROP TRIGGER audit_log_no_update;").ok());
        auto first = SqliteAuditLog(db).read(2, 1).value().front();
        first.event.detail = "rejected";
        const auto rehash = AuditChain::computeHash(first);
        REQUIRE(db.exec("UPDATE audit_log SET detail = 'rejected', hash = '" + rehash + "' WHERE seq = 2").ok());
        // The attacker cannot re-seal entry 3's successor (the introduction) without the key.
        auto after = SqliteAuditLog(db).read(3, 1).value().front();
        after.prevHash = rehash;
        REQUIRE(db.exec("UPDATE audit_log SET prev_hash = '" + rehash + "', hash = '" + AuditChain::computeHash(after) +
                        "' WHERE seq = 3").ok());
        requireBrokenAt(AuditChain::verify(db, keys.get()), 4, "audit.reason.prev");
    }
}

TEST_CASE("rotation: an entry sealed with both keys hands the chain over; both keys are needed to check it",
          "[store][audit][key]") {
    TempDir tmp;
    auto oldKey = AuditKeyring::generate();
    auto newKey = AuditKeyring::generate();
    {
        auto store = openKeyedStore(tmp.path(), ringOf({oldKey}));
        auto db = connect(store);
        appendDecisions(db, 2);
    }
    auto both = ringOf({oldKey, newKey});
    auto store = openKeyedStore(tmp.path(), both);
    auto db = connect(store);
    appendDecisions(db, 2);
    auto entries = SqliteAuditLog(db).read(1, 100).value();
    REQUIRE(entries.size() == 6);
    CHECK(entries[3].event.kind == AuditChain::kKeyRotated);
    CHECK(entries[3].event.detail == "key=" + newKey.id + " previous=" + oldKey.id);
    auto report = AuditChain::verify(db, both.get());
    REQUIRE(report->intact());
    CHECK(report->keyId == newKey.id);

    auto onlyNew = ringOf({newKey});
    requireBrokenAt(AuditChain::verify(db, onlyNew.get()), 1, "audit.reason.key_unknown");

    SECTION("a connection still holding only the old key cannot append after the rotation") {
        auto stale = store.connect().value();
        stale.setAuditKeyring(ringOf({oldKey}));
        auto refused = SqliteAuditLog(stale).append({"login", "q6.x", "q6.x", "", std::chrono::system_clock::now()});
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == "audit.key_unknown");
    }
}
