// Backups carry no secret: the outbox's initial passwords are scrubbed from every copy.
#include "store_test_support.h"

#include "store/sqlite_outbox_repository.h"

#include <fstream>
#include <iterator>
#include <sys/stat.h>

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;

namespace {

std::string fileBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST_CASE("a backup carries no initial password; the live outbox keeps it until delivered", "[store][backup]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    const std::string password = "Xq7-initial-Pw-5521";
    SqliteOutboxRepository outbox(db);
    auto sms = smsItem("sms-1");
    sms.secret = password;
    auto id = outbox.enqueue(sms);
    REQUIRE(id.ok());

    auto copy = store.backupNow("manual");
    REQUIRE(copy.ok());
    struct stat st {};
    REQUIRE(::stat(copy->c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(store.backups().dir())) {
        if (!entry.is_regular_file()) continue;
        ++files;
        CHECK(fileBytes(entry.path()).find(password) == std::string::npos);
    }
    CHECK(files >= 1);
    auto copied = Database::open(*copy, ConnectionOptions{.readOnly = true, .busyTimeoutMs = 1000, .synchronousFull = false});
    REQUIRE(copied.ok());
    CHECK(*copied->queryInt("SELECT count(*) FROM outbox WHERE secret IS NULL") == 1);
    CHECK(*copied->queryText("SELECT key FROM outbox") == "sms-1");
    // The live row still holds it: the SMS has not gone yet.
    auto live = outbox.find(*id);
    REQUIRE(live.ok());
    REQUIRE(live->has_value());
    CHECK((*live)->secret == password);
}

TEST_CASE("the copy taken before a migration carries no initial password either", "[store][backup]") {
    TempDir tmp;
    const std::string password = "Mg8-before-migration-Pw-0142";
    std::vector<Migration> next = builtInMigrations();
    {
        StoreOptions options;
        options.dbPath = tmp.path() / "desk.sqlite";
        options.dailyBackup = false;
        auto store = Store::open(options);
        REQUIRE(store.ok());
        auto db = connect(*store);
        auto mail = smsItem("email-1");
        mail.channel = notify::OutboxChannel::Email;
        mail.recipient = "citizen@example.vn";
        mail.secret = password;
        REQUIRE(SqliteOutboxRepository(db).enqueue(mail).ok());
    }
    // A newer build with one more migration: the store copies the file before migrating.
    next.push_back({static_cast<int>(next.size()) + 1, "9999_scrub_probe", "CREATE TABLE scrub_probe(a INTEGER);"});
    StoreOptions options;
    options.dbPath = tmp.path() / "desk.sqlite";
    options.dailyBackup = false;
    options.migrations = next;
    auto store = Store::open(options);
    REQUIRE(store.ok());
    const auto copies = store->backups().list();
    REQUIRE(copies.size() == 1);
    CHECK(copies.front().filename().string().find("pre-v") != std::string::npos);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(store->backups().dir())) {
        if (entry.is_regular_file()) CHECK(fileBytes(entry.path()).find(password) == std::string::npos);
    }
    auto db = connect(*store);
    CHECK(*db.queryText("SELECT secret FROM outbox") == password);
}
