#include "store_test_support.h"

#include <filesystem>

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;

TEST_CASE("Database::checkpoint empties the WAL file", "[store][database]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    REQUIRE(db.exec("CREATE TABLE scratch(secret TEXT)"));
    REQUIRE(db.exec("INSERT INTO scratch VALUES ('mat-khau-ban-dau')"));
    REQUIRE(db.exec("DELETE FROM scratch"));
    const auto wal = std::filesystem::path(db.path().string() + "-wal");
    REQUIRE(std::filesystem::exists(wal));
    REQUIRE(std::filesystem::file_size(wal) > 0);
    REQUIRE(db.checkpoint());
    CHECK(std::filesystem::file_size(wal) == 0);
}

TEST_CASE("Database::checkpoint says so when a reader keeps it from finishing", "[store][database]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto writer = connect(store);
    auto reader = connect(store);
    REQUIRE(writer.exec("CREATE TABLE scratch(v INTEGER)"));
    REQUIRE(writer.exec("INSERT INTO scratch VALUES (1)"));
    REQUIRE(reader.exec("BEGIN"));
    REQUIRE(reader.queryInt("SELECT count(*) FROM scratch"));  // holds a read snapshot
    REQUIRE(writer.exec("INSERT INTO scratch VALUES (2)"));
    REQUIRE(writer.exec("PRAGMA busy_timeout = 0"));
    auto done = writer.checkpoint();
    REQUIRE_FALSE(done);
    CHECK(done.error().code == "store.busy");
    REQUIRE(reader.exec("COMMIT"));
    CHECK(writer.checkpoint());
}

TEST_CASE("Database::schemaVersion is the migrations' version", "[store][database]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    auto version = db.schemaVersion();
    REQUIRE(version);
    CHECK(*version == static_cast<std::int64_t>(builtInMigrations().size()));
}
