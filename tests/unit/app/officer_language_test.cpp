#include "app/officer_language.h"

#include "store/sqlite_audit_log.h"

#include "temp_folder.h"

#include <catch2/catch.hpp>

#include <thread>

using namespace bhxh;
using namespace bhxh::app;
using namespace std::chrono_literals;

TEST_CASE("each officer's language is stored (audited) and comes back at their next sign-in", "[app][settings]") {
    bhxh::test::TempFolder dir("bhxh-officer-language-");
    store::StoreOptions options;
    options.dbPath = dir.path() / "desk.sqlite";
    auto opened = store::Store::open(options);
    REQUIRE(opened);
    auto worker = StoreWorker::start(*opened);
    REQUIRE(worker);
    MainThreadQueue queue;
    std::vector<std::string> applied;
    OfficerLanguage language(queue, **worker, [&applied](const std::string& code) { applied.push_back(code); });
    auto settle = [&] {  // the store worker's jobs done and their answers run on this thread
        for (int i = 0; i < 2000 && ((*worker)->pending() > 0 || i < 150); ++i) {
            queue.drain();
            std::this_thread::sleep_for(2ms);
        }
        queue.drain();
    };

    language.signedIn("q6.an");
    settle();
    CHECK(applied.empty());             // nothing stored yet: the language stays as it is
    language.changed("", "en");          // nobody signed in: nothing stored
    language.changed("q6.an", "en");     // Ctrl+L
    language.changed("q6.an", "en");     // the same again: nothing more to store
    settle();

    language.signedIn("q6.binh");        // another officer: no stored language of theirs
    settle();
    CHECK(applied.empty());
    language.signedIn("q6.an");
    settle();
    REQUIRE(applied == std::vector<std::string>{"en"});
    language.changed("q6.an", "en");     // the shell reports the switch it just made: not stored again
    settle();

    auto db = opened->connect();
    REQUIRE(db);
    auto entries = store::SqliteAuditLog(*db).read(1, 100);
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    CHECK(entries->front().event.kind == "settings_change");
    CHECK(entries->front().event.officerId == "q6.an");
    CHECK(entries->front().event.subject == "officer.q6.an.language");
    CHECK(entries->front().event.detail == " -> en");
}
