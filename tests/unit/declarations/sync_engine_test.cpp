#include "declarations/portal_errors.h"
#include "declarations/sync_engine.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <thread>

using namespace bhxh;
using namespace bhxh::declarations;

namespace {

Declaration make(int n, std::int64_t version = 1) {
    Declaration d;
    d.dossierNo = "07916-2026-" + std::to_string(100000 + n);
    d.officeCode = "07916";
    d.version = version;
    d.files.push_back({"portrait", std::string(64, 'a'), 10, "image/jpeg"});
    return d;
}

// A portal of `total` declarations served in pages; the cursor is the index of the next item.
class FakePortal final : public PortalClient {
public:
    std::vector<Declaration> all;
    int failListAt = -1;  ///< the list call number that fails (0-based), -1 = never
    int listCalls = 0;
    std::atomic<int> listed{0};  ///< listCalls, for a store running on the sync's writer thread
    int failDownloads = 0;
    int downloadCalls = 0;
    /// A portal that misbehaves: the same cursor again, a cycle of two cursors, the same items
    /// under ever new cursors, or new items for ever.
    enum class Hostile { None, SameCursor, Cycle, SamePage, Endless } hostile = Hostile::None;
    Result<DeclarationPage> listDeclarations(const std::string&, const std::optional<std::string>& cursor,
                                             int limit) override {
        ++listed;
        if (listCalls++ == failListAt) return Error{portal_error::kServer, "list: HTTP 503"};
        if (hostile != Hostile::None) return hostilePage(cursor, limit);
        const std::size_t from = cursor ? std::stoul(*cursor) : 0;
        DeclarationPage page;
        for (std::size_t i = from; i < all.size() && page.items.size() < static_cast<std::size_t>(limit); ++i) {
            page.items.push_back(all[i]);
        }
        if (!page.items.empty()) page.nextCursor = std::to_string(from + page.items.size());
        return page;
    }
    DeclarationPage hostilePage(const std::optional<std::string>& cursor, int limit) const {
        DeclarationPage page;
        const int base = hostile == Hostile::Endless ? listCalls * limit : 0;
        for (int i = 0; i < limit; ++i) page.items.push_back(make(base + i));
        switch (hostile) {
        case Hostile::SameCursor: page.nextCursor = cursor.value_or("c"); break;
        case Hostile::Cycle: page.nextCursor = cursor == std::optional<std::string>("a") ? "b" : "a"; break;
        case Hostile::SamePage:
        case Hostile::Endless: page.nextCursor = "c" + std::to_string(listCalls); break;
        case Hostile::None: break;
        }
        return page;
    }
    Result<Declaration> getDeclaration(const std::string&) override { return Error{"x", "unused"}; }
    // A PNG header of photoSide × photoSide (all the sync reads of a photo before caching it).
    static std::string pngHeader(std::uint32_t side) {
        std::string h("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
        for (int i = 0; i < 2; ++i) {
            for (int shift = 24; shift >= 0; shift -= 8) h.push_back(static_cast<char>((side >> shift) & 0xFF));
        }
        return h + std::string("\x08\x02\0\0\0", 5);
    }
    std::string photo = pngHeader(600);
    Result<PortalFile> downloadFile(const std::string&, const std::string&) override {
        ++downloadCalls;
        if (failDownloads > 0) {
            --failDownloads;
            return Error{portal_error::kNetwork, "download: connection reset"};
        }
        return PortalFile{photo, "image/png", std::string(64, 'a')};
    }
    Result<std::vector<Declaration>> lookup(const std::string&) override { return std::vector<Declaration>{}; }
    Result<ContactCheck> contactCheck(const std::string&, const std::string&, const std::string&) override {
        return Error{"x", "unused"};
    }
    Result<ClaimLease> claim(const std::string&, const std::string&, int) override { return Error{"x", "unused"}; }
    Result<void> release(const std::string&, const std::string&) override { return {}; }
    Result<DecisionAnswer> decide(const std::string&, const std::string&, const std::string&) override {
        return Error{"x", "unused"};
    }
};

class MemoryRepo final : public DeclarationRepository, public SyncStateRepository {
public:
    std::map<std::string, Declaration> rows;
    std::map<std::string, std::string> files;
    std::map<std::string, SyncState> states;
    int pagesStored = 0;
    int failStoreAt = -1;  ///< the page write (0-based) that fails, as a full disk would
    /// Called at the start of every write (on the sync's writer thread), with its item count.
    std::function<void(int write, std::size_t items)> onStore;
    std::vector<std::pair<std::size_t, std::optional<std::string>>> writes;  ///< items and cursor of each write
    Result<bool> upsert(const Declaration& d) override {
        auto it = rows.find(d.dossierNo);
        if (it != rows.end() && it->second.version >= d.version) return false;
        rows[d.dossierNo] = d;
        return true;
    }
    Result<std::size_t> storePage(const std::vector<Declaration>& items, const std::string& scope,
                                  const std::optional<std::string>& cursor) override {
        if (onStore) onStore(static_cast<int>(writes.size()), items.size());
        writes.emplace_back(items.size(), cursor);
        if (pagesStored == failStoreAt) return Error{"store.full", "database or disk is full"};
        std::size_t n = 0;
        for (const auto& d : items) n += *upsert(d) ? 1 : 0;
        states[scope].scope = scope;
        states[scope].cursor = cursor;
        ++pagesStored;
        return n;
    }
    Result<std::optional<Declaration>> find(const std::string& k) override {
        auto it = rows.find(k);
        return it == rows.end() ? std::optional<Declaration>() : std::optional<Declaration>(it->second);
    }
    Result<std::vector<Declaration>> query(const DeclarationQuery&) override {
        std::vector<Declaration> out;
        for (const auto& [k, d] : rows) out.push_back(d);
        return out;
    }
    Result<std::vector<Declaration>> findByCard(const std::string&) override { return std::vector<Declaration>{}; }
    Result<void> setFileLocalPath(const std::string& dn, const std::string& kind, const std::string&,
                                  const std::string& path) override {
        files[dn + "/" + kind] = path;
        return {};
    }
    Result<std::optional<std::string>> fileLocalPath(const std::string& dn, const std::string& kind,
                                                     const std::string&) override {
        auto it = files.find(dn + "/" + kind);
        return it == files.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
    }
    Result<SyncState> load(const std::string& scope) override {
        auto it = states.find(scope);
        if (it == states.end()) return SyncState{scope, std::nullopt, {}, {}};
        return it->second;
    }
    Result<void> save(const SyncState& state) override {
        states[state.scope] = state;
        return {};
    }
};

class MemoryFiles final : public FileCache {
public:
    Result<std::string> save(const std::string& dn, const std::string& kind, const std::string&,
                             const std::string&) override {
        return "/cache/" + dn + "/" + kind;
    }
};

} // namespace

TEST_CASE("a sync pulls page after page until a short page, storing them with their cursor", "[declarations][sync]") {
    FakePortal portal;
    for (int i = 0; i < 25; ++i) portal.all.push_back(make(i));
    MemoryRepo repo;
    MemoryFiles files;
    SyncEngine engine(portal, repo, repo, &files, {"07916", 10, true, bhxh::image::kDefaultMaxPixels});
    auto s = engine.runOnce();
    REQUIRE(s.ok());
    CHECK(s->pulled == 25);
    CHECK(s->updated == 25);
    CHECK(s->photos == 25);
    CHECK(s->errors == 0);
    CHECK(s->upToDate);
    // Three pages: written one by one, or two of them together when a write was still under way.
    CHECK(repo.pagesStored >= 2);
    CHECK(repo.pagesStored <= 3);
    CHECK(repo.states["office:07916"].cursor == std::optional<std::string>("25"));
    CHECK(repo.states["office:07916"].lastError.empty());

    portal.all.push_back(make(25));
    portal.all.push_back(make(3, 2));  // a change moves after every cursor
    auto again = engine.runOnce();
    REQUIRE(again.ok());
    CHECK(again->pulled == 2);
    CHECK(again->updated == 2);
    CHECK(again->photos == 1);
    CHECK(repo.rows["07916-2026-100003"].version == 2);
}

TEST_CASE("a page that cannot be written ends the pull and nothing after it is written", "[declarations][sync]") {
    // The next page is asked for while a page is written: the write's failure still ends the
    // pass, with the pages before it stored and none after it.
    FakePortal portal;
    for (int i = 0; i < 45; ++i) portal.all.push_back(make(i));
    MemoryRepo repo;
    repo.failStoreAt = 1;
    SyncEngine engine(portal, repo, repo, nullptr, {"07916", 10, false, bhxh::image::kDefaultMaxPixels});
    auto s = engine.runOnce();
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == "store.full");
    CHECK(repo.pagesStored == 1);
    CHECK(repo.rows.size() == 10);
    CHECK(repo.states["office:07916"].cursor == std::optional<std::string>("10"));
    CHECK(portal.listCalls <= 6);  // the failed write held at most four pages, and one more was asked for

    repo.failStoreAt = -1;
    auto again = engine.runOnce();
    REQUIRE(again.ok());
    CHECK(again->pulled == 35);
    CHECK(repo.rows.size() == 45);
}

TEST_CASE("pages pulled while a write is under way are written together with the last one's cursor",
          "[declarations][sync]") {
    // The first write waits until the portal was asked for five pages: the four pulled meanwhile
    // go to the store in one write (at most four), with the cursor after the last of them.
    FakePortal portal;
    for (int i = 0; i < 65; ++i) portal.all.push_back(make(i));
    MemoryRepo repo;
    bool waitedOut = false;
    repo.onStore = [&](int write, std::size_t) {
        if (write != 0) return;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (portal.listed.load() < 5 && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        waitedOut = portal.listed.load() < 5;
    };
    SyncEngine engine(portal, repo, repo, nullptr, {"07916", 10, false, bhxh::image::kDefaultMaxPixels});
    auto s = engine.runOnce();
    REQUIRE(s.ok());
    CHECK_FALSE(waitedOut);
    CHECK(s->pulled == 65);
    CHECK(s->upToDate);
    REQUIRE(repo.writes.size() >= 3);
    CHECK(repo.writes[0] == std::make_pair(std::size_t{10}, std::optional<std::string>("10")));
    CHECK(repo.writes[1] == std::make_pair(std::size_t{40}, std::optional<std::string>("50")));
    std::size_t stored = 0;
    for (const auto& [items, cursor] : repo.writes) {
        CHECK(items <= 40);
        stored += items;
    }
    CHECK(stored == 65);
    CHECK(repo.rows.size() == 65);
    CHECK(repo.states["office:07916"].cursor == std::optional<std::string>("65"));
}

TEST_CASE("a failed page keeps the cursor of the last stored page and is resumed", "[declarations][sync]") {
    FakePortal portal;
    for (int i = 0; i < 25; ++i) portal.all.push_back(make(i));
    portal.failListAt = 1;
    portal.failDownloads = 1;
    MemoryRepo repo;
    MemoryFiles files;
    SyncEngine engine(portal, repo, repo, &files, {"07916", 10, true, bhxh::image::kDefaultMaxPixels});
    auto s = engine.runOnce();
    REQUIRE(s.ok());
    CHECK(s->pulled == 10);
    CHECK_FALSE(s->upToDate);
    // The portal is out of reach (a 503 after the client's retries): no download is tried after
    // it (a hanging portal once cost the full timeout again for every missing photo).
    CHECK(s->unreachable);
    CHECK(s->errors == 1);
    CHECK(portal.downloadCalls == 0);
    REQUIRE(s->firstError.has_value());
    CHECK(s->firstError->code == portal_error::kServer);
    CHECK(repo.states["office:07916"].cursor == std::optional<std::string>("10"));
    CHECK(repo.states["office:07916"].lastError.find("503") != std::string::npos);

    // The pull resumes and completes; the first download's connection reset ends the downloads.
    auto again = engine.runOnce();
    REQUIRE(again.ok());
    CHECK(again->pulled == 15);
    CHECK(again->errors == 1);
    CHECK(again->unreachable);
    CHECK(portal.downloadCalls == 1);
    CHECK(repo.rows.size() == 25);
    CHECK(repo.files.empty());

    auto third = engine.runOnce();
    REQUIRE(third.ok());
    CHECK(third->errors == 0);
    CHECK_FALSE(third->unreachable);
    CHECK(repo.files.size() == 25);  // the downloads not made are fetched on the next run
    CHECK(repo.states["office:07916"].lastError.empty());
}

TEST_CASE("a final error on one file does not stop the other downloads", "[declarations][sync][hostile]") {
    FakePortal portal;
    for (int i = 0; i < 3; ++i) portal.all.push_back(make(i));
    portal.photo = FakePortal::pngHeader(30000);  // refused (portal.bad_response), not a sign of an outage
    MemoryRepo repo;
    MemoryFiles files;
    SyncEngine engine(portal, repo, repo, &files, {"07916", 10, true, bhxh::image::kDefaultMaxPixels});
    auto s = engine.runOnce();
    REQUIRE(s.ok());
    CHECK_FALSE(s->unreachable);
    CHECK(portal.downloadCalls == 3);
    CHECK(s->errors == 3);
}

TEST_CASE("a portal whose pages never end stops the pull with portal.bad_cursor, keeping what was stored",
          "[declarations][sync]") {
    using H = FakePortal::Hostile;
    const auto mode = GENERATE(H::SameCursor, H::Cycle, H::SamePage, H::Endless);
    FakePortal portal;
    portal.hostile = mode;
    MemoryRepo repo;
    SyncEngine::Options options{"07916", 10, false};
    options.maxPages = 50;
    SyncEngine engine(portal, repo, repo, nullptr, options);
    auto s = engine.runOnce();
    REQUIRE(s.ok());
    INFO("mode " << static_cast<int>(mode));
    REQUIRE(s->firstError.has_value());
    CHECK(s->firstError->code == "portal.bad_cursor");
    CHECK_FALSE(s->upToDate);
    CHECK(portal.listCalls <= 51);
    CHECK(repo.pagesStored >= 1);  // the pages read before the portal went wrong are kept
    CHECK(repo.states["office:07916"].lastError.find("portal.bad_cursor") != std::string::npos);
}

TEST_CASE("a stop request ends the pull between two pages", "[declarations][sync]") {
    FakePortal portal;
    portal.hostile = FakePortal::Hostile::Endless;
    MemoryRepo repo;
    SyncEngine engine(portal, repo, repo, nullptr, {"07916", 10, false});
    std::stop_source stop;
    stop.request_stop();
    auto s = engine.runOnce(stop.get_token());
    REQUIRE(s.ok());
    CHECK(portal.listCalls == 0);
    CHECK_FALSE(s->upToDate);
}

TEST_CASE("a photo whose header declares more pixels than the limit is never cached", "[declarations][sync][hostile]") {
    FakePortal portal;
    for (int i = 0; i < 3; ++i) portal.all.push_back(make(i));
    portal.photo = FakePortal::pngHeader(30000);  // a decompression bomb: 900 MP in a few bytes
    MemoryRepo repo;
    MemoryFiles files;
    SyncEngine engine(portal, repo, repo, &files, {"07916", 10, true, bhxh::image::kDefaultMaxPixels});
    auto s = engine.runOnce();
    REQUIRE(s.ok());
    CHECK(s->pulled == 3);
    CHECK(s->photos == 0);
    CHECK(s->errors == 3);
    REQUIRE(s->firstError.has_value());
    CHECK(s->firstError->code == portal_error::kBadResponse);
    CHECK(s->firstError->message.find("files[portrait]") != std::string::npos);
    CHECK(s->firstError->message.find("30000 × 30000") != std::string::npos);
    CHECK(repo.files.empty());

    portal.photo = "%PDF-1.4 not a picture";
    auto other = engine.runOnce();
    REQUIRE(other.ok());
    CHECK(other->photos == 0);
    REQUIRE(other->firstError.has_value());
    CHECK(other->firstError->message.find("not an image format") != std::string::npos);
}
