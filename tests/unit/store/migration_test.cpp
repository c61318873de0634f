#include "store_test_support.h"

#include "store/migration.h"

#include <thread>

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;

namespace {

// The schema as SQLite describes it, to compare databases reached by different paths.
std::string schemaOf(Database& db) {
    auto stmt = db.prepare("SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_master "
                           "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    REQUIRE(stmt.ok());
    std::string out;
    while (*stmt->step()) out += stmt->getText(0) + "\n";
    return out;
}

// The built-in migrations plus a test one, so that "each earlier version" covers more than 0.
std::vector<Migration> migrationsWithExtra() {
    auto all = builtInMigrations();
    all.push_back({static_cast<int>(all.size()) + 1, "9999_test_extra",
                   "CREATE TABLE test_extra(id INTEGER PRIMARY KEY, note TEXT NOT NULL);"
                   "ALTER TABLE settings ADD COLUMN test_flag INTEGER NOT NULL DEFAULT 0;"});
    return all;
}

} // namespace

TEST_CASE("the built-in migrations are numbered 1, 2, 3 with no gap", "[store][migration]") {
    const auto& all = builtInMigrations();
    REQUIRE_FALSE(all.empty());
    REQUIRE(Migrator(all).validate().ok());
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].version == static_cast<int>(i) + 1);
}

TEST_CASE("every migration applies to an empty database and to one at each earlier version", "[store][migration]") {
    const auto all = migrationsWithExtra();
    const int latest = Migrator(all).latestVersion();
    TempDir tmp;

    std::string reference;
    {
        auto db = Database::open(tmp.path() / "fresh.sqlite");
        REQUIRE(db.ok());
        auto from = Migrator(all).migrate(*db);
        REQUIRE(from.ok());
        CHECK(*from == 0);
        CHECK(*db->queryInt("PRAGMA user_version") == latest);
        reference = schemaOf(*db);
        CHECK(reference.find("CREATE TABLE outbox") != std::string::npos);
        CHECK(reference.find("test_extra") != std::string::npos);
    }

    for (int start = 0; start < latest; ++start) {
        DYNAMIC_SECTION("from version " << start) {
            const auto path = tmp.path() / ("at-" + std::to_string(start) + ".sqlite");
            {
                auto db = Database::open(path);
                REQUIRE(db.ok());
                std::vector<Migration> prefix(all.begin(), all.begin() + start);
                REQUIRE(Migrator(prefix).migrate(*db).ok());
                CHECK(*db->queryInt("PRAGMA user_version") == start);
                if (start > 0) REQUIRE(db->exec("INSERT INTO settings(key, value, updated_ms) VALUES('k', 'v', 1)").ok());
            }
            StoreOptions options;
            options.dbPath = path;
            options.backupDir = tmp.path() / ("backups-" + std::to_string(start));
            options.migrations = all;
            options.dailyBackup = false;
            auto store = Store::open(options);
            REQUIRE(store.ok());
            CHECK(store->openedAtVersion() == start);
            CHECK(store->schemaVersion() == latest);
            auto db = connect(*store);
            CHECK(schemaOf(db) == reference);
            if (start > 0) {
                // Data survives, and a copy was taken before migrating.
                CHECK(*db.queryText("SELECT value FROM settings WHERE key = 'k'") == "v");
                const auto copies = store->backups().list();
                REQUIRE(copies.size() == 1);
                CHECK(copies.front().filename().string().find("pre-v" + std::to_string(latest)) != std::string::npos);
                auto copy = Database::open(copies.front(), ConnectionOptions{.readOnly = true});
                REQUIRE(copy.ok());
                CHECK(*copy->queryInt("PRAGMA user_version") == start);
            } else {
                CHECK(store->backups().list().empty());
            }
        }
    }
}

TEST_CASE("a database from a newer version is refused and left untouched", "[store][migration]") {
    TempDir tmp;
    const auto path = tmp.path() / "desk.sqlite";
    {
        auto store = openStore(tmp.path());
        auto db = connect(store);
        REQUIRE(db.exec("PRAGMA user_version = 999").ok());
    }
    StoreOptions options;
    options.dbPath = path;
    auto store = Store::open(options);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == "store.too_new");
    CHECK(store.error().message.find("999") != std::string::npos);
    CHECK(store.error().message.find("newer bhxh-desk") != std::string::npos);
    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(*db->queryInt("PRAGMA user_version") == 999);
}

TEST_CASE("a gap in the migration numbers is refused", "[store][migration]") {
    std::vector<Migration> gap{{1, "0001_a", "CREATE TABLE a(x);"}, {3, "0003_c", "CREATE TABLE c(x);"}};
    auto ok = Migrator(gap).validate();
    REQUIRE_FALSE(ok.ok());
    CHECK(ok.error().message.find("0003_c") != std::string::npos);
}

TEST_CASE("a failing migration leaves the database at the previous version", "[store][migration]") {
    TempDir tmp;
    auto all = builtInMigrations();
    all.push_back({static_cast<int>(all.size()) + 1, "9999_broken",
                   "CREATE TABLE half_done(x); INSERT INTO no_such_table VALUES(1);"});
    auto db = Database::open(tmp.path() / "d.sqlite");
    REQUIRE(db.ok());
    auto migrated = Migrator(all).migrate(*db);
    REQUIRE_FALSE(migrated.ok());
    CHECK(migrated.error().message.find("9999_broken") != std::string::npos);
    CHECK(*db->queryInt("PRAGMA user_version") == static_cast<int>(all.size()) - 1);
    CHECK(*db->queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'") == 0);
}

TEST_CASE("two starts racing on a new database both end at the latest version", "[store][migration]") {
    TempDir tmp;
    const auto path = tmp.path() / "desk.sqlite";
    std::vector<Result<int>> results(4, Result<int>(0));
    {
        std::vector<std::jthread> starts;
        for (std::size_t i = 0; i < results.size(); ++i) {
            starts.emplace_back([&, i] {
                auto db = Database::open(path);  // each thread its own connection
                if (!db) {
                    results[i] = db.error();
                    return;
                }
                results[i] = Migrator(builtInMigrations()).migrate(*db);
            });
        }
    }
    for (const auto& r : results) {
        INFO((r.ok() ? std::string("ok") : r.error().describe()));
        CHECK(r.ok());
    }
    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(*db->queryInt("PRAGMA user_version") == Migrator(builtInMigrations()).latestVersion());
}
