#include "store/audit_chain.h"
#include "store/sqlite_audit_log.h"
#include "store/sqlite_settings_repository.h"
#include "store_test_support.h"

using namespace bhxh::store;
using namespace bhxh::store::test;

TEST_CASE("settings changed in the console are stored with one audit entry each", "[store][settings]") {
    TempDir dir;
    auto store = openStore(dir.path());
    auto db = connect(store);
    SqliteSettingsRepository settings(db);
    REQUIRE(settings.all()->empty());

    const auto at = std::chrono::system_clock::now();
    REQUIRE(settings.change({{"privacy.retention_days", "30", "7"}, {"face.same_at_or_above", "0.48", "0.5"}}, "q6.admin", at));
    REQUIRE(settings.change({{"privacy.retention_days", "7", "10"}}, "q6.admin", at));
    const auto stored = settings.all();
    REQUIRE(stored);
    CHECK(*stored == std::map<std::string, std::string>{{"face.same_at_or_above", "0.5"}, {"privacy.retention_days", "10"}});

    SqliteAuditLog audit(db);
    const auto entries = audit.read(1, 10);
    REQUIRE(entries);
    REQUIRE(entries->size() == 3);
    CHECK(entries->at(0).event.kind == "settings_change");
    CHECK(entries->at(0).event.officerId == "q6.admin");
    CHECK(entries->at(0).event.subject == "privacy.retention_days");
    CHECK(entries->at(0).event.detail == "30 -> 7");
    CHECK(entries->at(2).event.detail == "7 -> 10");
    const auto chain = AuditChain::verify(db);
    REQUIRE(chain);
    CHECK_FALSE(chain->brokenSeq.has_value());
}

TEST_CASE("a change that cannot be audited is not stored either", "[store][settings]") {
    TempDir dir;
    auto store = openStore(dir.path());
    auto db = connect(store);
    // The audit table refuses every insert: the setting must not change without its entry.
    REQUIRE(db.exec("CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit full'); END"));
    SqliteSettingsRepository settings(db);
    auto changed = settings.change({{"privacy.retention_days", "30", "7"}}, "q6.admin", std::chrono::system_clock::now());
    CHECK_FALSE(changed);
    CHECK(settings.all()->empty());
    CHECK(count(db, "settings") == 0);
}
