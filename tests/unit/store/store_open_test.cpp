#include "store_test_support.h"

#include "store/sqlite_audit_log.h"

#include <fstream>

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;

namespace {

void fillSomeRows(Store& store) {
    auto db = connect(store);
    SqliteAuditLog log(db);
    for (int i = 0; i < 400; ++i) {
        REQUIRE(log.append({"open_declaration", "q6.nguyenvana", "07916-2026-" + std::to_string(100000 + i),
                            std::string(200, 'd'), std::chrono::system_clock::now()}).ok());
    }
}

void overwrite(const std::filesystem::path& file, std::streamoff offset, std::size_t n) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(f.good());
    f.seekp(offset);
    const std::string junk(n, '\xA5');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

} // namespace

TEST_CASE("a new store is in WAL mode with secure_delete, foreign keys and a busy timeout", "[store][open]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    CHECK(*db.queryText("PRAGMA journal_mode") == "wal");
    CHECK(*db.queryInt("PRAGMA secure_delete") == 1);
    CHECK(*db.queryInt("PRAGMA foreign_keys") == 1);
    CHECK(*db.queryInt("PRAGMA busy_timeout") == 5000);
    CHECK(store.schemaVersion() == static_cast<int>(builtInMigrations().size()));
    auto cache = store.connect(ConnectionOptions{.synchronousFull = false});
    REQUIRE(cache.ok());
    CHECK(*cache->queryInt("PRAGMA synchronous") == 1);
}

TEST_CASE("a daily copy is taken at open, at most once a day, and on demand", "[store][open][backup]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    REQUIRE(store.backups().list().size() == 1);
    CHECK(store.backups().list().front().filename().string().find("-daily.sqlite") != std::string::npos);
    { auto again = openStore(tmp.path()); CHECK(again.backups().list().size() == 1); }
    auto manual = store.backupNow();
    REQUIRE(manual.ok());
    CHECK(std::filesystem::exists(*manual));
    CHECK(store.backups().list().size() == 2);
    CHECK(store.backups().lastGoodCopy() == *manual);
}

TEST_CASE("old copies are pruned per label", "[store][backup]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    BackupManager backups(tmp.path() / "b", 2);
    auto t = std::chrono::system_clock::now();
    for (int i = 0; i < 4; ++i) REQUIRE(backups.take(db, "manual", t + std::chrono::seconds(i)).ok());
    REQUIRE(backups.take(db, "daily", t).ok());
    CHECK(backups.list().size() == 3);
}

TEST_CASE("a damaged database is refused at start, naming the last good copy", "[store][open][corruption]") {
    TempDir tmp;
    std::filesystem::path good;
    {
        auto store = openStore(tmp.path());
        fillSomeRows(store);
        auto copy = store.backupNow();
        REQUIRE(copy.ok());
        good = *copy;
    }
    const auto path = tmp.path() / "desk.sqlite";
    REQUIRE_FALSE(std::filesystem::exists(tmp.path() / "desk.sqlite-wal"));  // checkpointed at close

    SECTION("pages in the middle overwritten") {
        overwrite(path, 4096 * 3, 4096 * 4);
    }
    SECTION("the header overwritten") {
        overwrite(path, 0, 100);
    }
    StoreOptions options;
    options.dbPath = path;
    auto store = Store::open(options);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == "store.corrupt");
    CHECK(store.error().message.find(path.string() + " is damaged") != std::string::npos);
    CHECK(store.error().message.find("last good copy is " + good.string()) != std::string::npos);
}

TEST_CASE("a damaged database with no good copy says so", "[store][open][corruption]") {
    TempDir tmp;
    {
        StoreOptions options;
        options.dbPath = tmp.path() / "desk.sqlite";
        options.dailyBackup = false;
        auto store = Store::open(options);
        REQUIRE(store.ok());
        fillSomeRows(*store);
    }
    overwrite(tmp.path() / "desk.sqlite", 0, 100);
    StoreOptions options;
    options.dbPath = tmp.path() / "desk.sqlite";
    auto store = Store::open(options);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == "store.corrupt");
    CHECK(store.error().message.find("No good copy was found") != std::string::npos);
}
