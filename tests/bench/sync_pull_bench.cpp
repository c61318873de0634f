// Pull benchmark (issue #21): a full incremental sync into a fresh SQLite store from a running
// bhxh-portal, without photos, against a floor measured in the same run: a plain libcurl loop
// (one handle, keep-alive, the desk's headers, page size and Accept-Encoding) downloading the same
// pages and throwing them away. Prints the floor, the desk's sync time, declarations per second,
// peak RSS and where the desk's time went (wall and thread CPU of the page requests with their
// parse, of the parse alone, and of the SQLite writes). Goal: 100,000 declarations in < 10 s.
//   build/ci/bhxh-portal --tokens T --db /tmp/p.sqlite3 --seed 100000 --no-photos --office 07916 --port 8787
//   BHXH_DESK_TOKEN=... build/ci/tests/bench/bench_sync_pull --base-url http://127.0.0.1:8787/api/desk/v1 --desk 07916-D01
// Options: --token-file F (instead of BHXH_DESK_TOKEN), --page-size N (500), --no-floor.
#include "declarations/adapters/curl_portal_client.h"
#include "declarations/adapters/desk_token.h"
#include "declarations/portal_json.h"
#include "declarations/sync_engine.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_sync_state_repository.h"
#include "store/store.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <curl/curl.h>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

using namespace bhxh;

namespace {

using Clock = std::chrono::steady_clock;

double threadCpuSeconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double processCpuSeconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(usage.ru_utime) + s(usage.ru_stime);
}

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

/// Wall and thread-CPU seconds of the calls it wraps (called from one thread at a time).
struct Phase {
    std::atomic<double> wall{0}, cpu{0};
    std::atomic<int> calls{0};
    template <class F>
    auto time(F&& f) {
        const auto start = Clock::now();
        const double cpu0 = threadCpuSeconds();
        auto result = f();
        cpu = cpu + (threadCpuSeconds() - cpu0);
        wall = wall + since(start);
        ++calls;
        return result;
    }
};

/// The real client, its page requests timed (HTTP and the strict parse together).
class TimedClient final : public declarations::PortalClient {
public:
    TimedClient(declarations::PortalClient& inner, Phase& phase) : m_inner(inner), m_phase(phase) {}
    Result<declarations::DeclarationPage> listDeclarations(const std::string& office,
                                                           const std::optional<std::string>& cursor, int limit) override {
        return m_phase.time([&] { return m_inner.listDeclarations(office, cursor, limit); });
    }
    Result<declarations::Declaration> getDeclaration(const std::string& d) override { return m_inner.getDeclaration(d); }
    Result<declarations::PortalFile> downloadFile(const std::string& d, const std::string& k) override {
        return m_inner.downloadFile(d, k);
    }
    Result<std::vector<declarations::Declaration>> lookup(const std::string& c) override { return m_inner.lookup(c); }
    Result<declarations::ContactCheck> contactCheck(const std::string& p, const std::string& e,
                                                    const std::string& b) override {
        return m_inner.contactCheck(p, e, b);
    }
    Result<declarations::ClaimLease> claim(const std::string& d, const std::string& o, int t) override {
        return m_inner.claim(d, o, t);
    }
    Result<void> release(const std::string& d, const std::string& l) override { return m_inner.release(d, l); }
    Result<declarations::DecisionAnswer> decide(const std::string& d, const std::string& k, const std::string& b) override {
        return m_inner.decide(d, k, b);
    }

private:
    declarations::PortalClient& m_inner;
    Phase& m_phase;
};

/// The real repository, its page writes timed.
class TimedRepository final : public declarations::DeclarationRepository {
public:
    TimedRepository(declarations::DeclarationRepository& inner, Phase& phase) : m_inner(inner), m_phase(phase) {}
    Result<bool> upsert(const declarations::Declaration& d) override { return m_inner.upsert(d); }
    Result<std::size_t> storePage(const std::vector<declarations::Declaration>& items, const std::string& scope,
                                  const std::optional<std::string>& cursor) override {
        return m_phase.time([&] { return m_inner.storePage(items, scope, cursor); });
    }
    Result<std::optional<declarations::Declaration>> find(const std::string& d) override { return m_inner.find(d); }
    Result<std::vector<declarations::Declaration>> query(const declarations::DeclarationQuery& q) override {
        return m_inner.query(q);
    }
    Result<std::vector<declarations::Declaration>> findByCard(const std::string& c) override {
        return m_inner.findByCard(c);
    }
    Result<void> setFileLocalPath(const std::string& d, const std::string& k, const std::string& s,
                                  const std::string& p) override {
        return m_inner.setFileLocalPath(d, k, s, p);
    }
    Result<std::optional<std::string>> fileLocalPath(const std::string& d, const std::string& k,
                                                     const std::string& s) override {
        return m_inner.fileLocalPath(d, k, s);
    }

private:
    declarations::DeclarationRepository& m_inner;
    Phase& m_phase;
};

std::size_t keepBody(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

/// The cursor after the page, read from its text as a plain client would ("next_cursor":"…").
std::optional<std::string> nextCursorOf(const std::string& body) {
    const std::string key = "\"next_cursor\":\"";
    const auto at = body.rfind(key);
    if (at == std::string::npos) return std::nullopt;
    const auto from = at + key.size();
    const auto to = body.find('"', from);
    if (to == std::string::npos) return std::nullopt;
    return body.substr(from, to - from);
}

struct Floor {
    double seconds = 0;      ///< the transfers alone (curl_easy_perform)
    double parseCpu = 0;     ///< PortalJson::parsePage of the same bodies, thread CPU, not in `seconds`
    std::size_t pages = 0, bytes = 0, items = 0;
    bool ok = false;
};

/// The same pages the desk pulls, downloaded with one keep-alive libcurl handle to memory that
/// is reused (only the cursor is read from it), then parsed apart from the timing.
Floor curlFloor(const declarations::CurlPortalClient::Options& o, const std::string& office, int pageSize) {
    Floor floor;
    CURL* h = curl_easy_init();
    if (!h) return floor;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Authorization: Bearer " + o.token).c_str());
    headers = curl_slist_append(headers, ("X-Desk-Id: " + o.deskId).c_str());
    headers = curl_slist_append(headers, "Accept: application/json");
    std::string body;
    body.reserve(1u << 20);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "bhxh-desk");
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // as the desk asks
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &keepBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    std::optional<std::string> cursor;
    for (;;) {
        std::string url = o.baseUrl + "/offices/" + office + "/declarations?limit=" + std::to_string(pageSize);
        if (cursor) {
            char* escaped = curl_easy_escape(h, cursor->c_str(), static_cast<int>(cursor->size()));
            url += "&after=" + std::string(escaped);
            curl_free(escaped);
        }
        curl_easy_setopt(h, CURLOPT_URL, url.c_str());
        body.clear();
        const auto start = Clock::now();
        const CURLcode rc = curl_easy_perform(h);
        floor.seconds += since(start);
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        if (rc != CURLE_OK || status != 200) {
            std::fprintf(stderr, "floor: page %zu: %s, HTTP %ld\n", floor.pages + 1, curl_easy_strerror(rc), status);
            break;
        }
        ++floor.pages;
        floor.bytes += body.size();
        const double cpu0 = threadCpuSeconds();
        auto page = declarations::PortalJson::parsePage(body);
        floor.parseCpu += threadCpuSeconds() - cpu0;
        if (!page) {
            std::fprintf(stderr, "floor: page %zu: %s\n", floor.pages, page.error().describe().c_str());
            break;
        }
        floor.items += page->items.size();
        if (page->items.size() < static_cast<std::size_t>(pageSize)) {
            floor.ok = true;
            break;
        }
        cursor = nextCursorOf(body);
        if (!cursor) break;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    return floor;
}

} // namespace

int main(int argc, char** argv) {
    declarations::CurlPortalClient::Options options;
    std::string tokenFile;
    int pageSize = 500;
    bool floorRun = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--no-floor") floorRun = false;
        else if (a == "--base-url" && hasValue) options.baseUrl = argv[++i];
        else if (a == "--desk" && hasValue) options.deskId = argv[++i];
        else if (a == "--token-file" && hasValue) tokenFile = argv[++i];
        else if (a == "--page-size" && hasValue) pageSize = std::atoi(argv[++i]);
        else return std::fprintf(stderr, "unknown option %s\n", a.c_str()), 2;
    }
    if (options.deskId.empty()) options.deskId = "07916-D01";
    auto token = declarations::DeskToken::load(tokenFile);
    if (!token) return std::fprintf(stderr, "%s\n", token.error().describe().c_str()), 2;
    options.token = *token;
    auto client = declarations::CurlPortalClient::create(options);
    if (!client) return std::fprintf(stderr, "%s\n", client.error().describe().c_str()), 2;
    const std::string office = options.deskId.substr(0, options.deskId.find('-'));

    Floor floor;
    if (floorRun) {
        floor = curlFloor(options, office, pageSize);
        if (!floor.ok) return std::fprintf(stderr, "floor: the pages could not all be downloaded\n"), 1;
    }

    const auto dir = std::filesystem::temp_directory_path() / ("bhxh-sync-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    store::StoreOptions storeOptions;
    storeOptions.dbPath = dir / "desk.sqlite";
    storeOptions.dailyBackup = false;
    auto opened = store::Store::open(storeOptions);
    if (!opened) return std::fprintf(stderr, "%s\n", opened.error().describe().c_str()), 2;
    auto db = opened->connect();  // as `sync --once` and the console's bulk lane open theirs
    if (!db) return std::fprintf(stderr, "%s\n", db.error().describe().c_str()), 2;
    store::SqliteDeclarationRepository repo(*db);
    store::SqliteSyncStateRepository state(*db);
    Phase requests, writes;
    TimedClient timedClient(**client, requests);
    TimedRepository timedRepo(repo, writes);
    declarations::SyncEngine engine(timedClient, timedRepo, state, nullptr,
                                    {office, pageSize, false, image::kDefaultMaxPixels});

    const double cpu0 = processCpuSeconds();
    const auto start = Clock::now();
    auto summary = engine.runOnce();
    const double seconds = since(start);
    const double cpu = processCpuSeconds() - cpu0;
    if (!summary) return std::fprintf(stderr, "%s\n", summary.error().describe().c_str()), 1;
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    if (floorRun) {
        std::printf("floor (libcurl, one keep-alive handle, %zu pages of %d, %.1f MB): %.2f s; parsing them (thread CPU): %.2f s\n",
                    floor.pages, pageSize, static_cast<double>(floor.bytes) / 1e6, floor.seconds, floor.parseCpu);
    }
    std::printf("sync: pulled %zu declarations (%zu written, %zu errors) in %.2f s; %.0f per s; peak RSS %.1f MB; "
                "process CPU %.2f s\n",
                summary->pulled, summary->updated, summary->errors, seconds,
                seconds > 0 ? static_cast<double>(summary->pulled) / seconds : 0.0,
                static_cast<double>(usage.ru_maxrss) / 1024.0, cpu);
    std::printf("  page requests with their parse: %.2f s wall, %.2f s CPU (%d calls); page writes: %.2f s wall, "
                "%.2f s CPU (%d, on their own thread, overlapping the requests)\n",
                requests.wall.load(), requests.cpu.load(), requests.calls.load(), writes.wall.load(), writes.cpu.load(),
                writes.calls.load());
    if (floorRun && floor.seconds > 0) std::printf("  sync / floor: %.2f\n", seconds / floor.seconds);
    std::filesystem::remove_all(dir);
    return summary->errors == 0 && (!floorRun || summary->pulled == floor.items) ? 0 : 1;
}
