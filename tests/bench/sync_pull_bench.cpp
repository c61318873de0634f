// Pull benchmark: a full incremental sync into a fresh SQLite store from a running bhxh-portal,
// without photos. Prints wall time, declarations pulled and peak RSS (goal: 100,000 in < 20 s).
//   build/dev/bhxh-portal --tokens T --db /tmp/p.sqlite3 --seed 100000 --no-photos --office 07916 --port 8787
//   BHXH_DESK_TOKEN=... build/dev/tests/bench/bench_sync_pull --base-url http://127.0.0.1:8787/api/desk/v1 --desk 07916-D01
#include "declarations/adapters/curl_portal_client.h"
#include "declarations/adapters/desk_token.h"
#include "declarations/sync_engine.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_sync_state_repository.h"
#include "store/store.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

using namespace bhxh;

int main(int argc, char** argv) {
    declarations::CurlPortalClient::Options options;
    std::string tokenFile;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--base-url") options.baseUrl = argv[i + 1];
        else if (a == "--desk") options.deskId = argv[i + 1];
        else if (a == "--token-file") tokenFile = argv[i + 1];
    }
    if (options.deskId.empty()) options.deskId = "07916-D01";
    auto token = declarations::DeskToken::load(tokenFile);
    if (!token) return std::fprintf(stderr, "%s\n", token.error().describe().c_str()), 2;
    options.token = *token;
    auto client = declarations::CurlPortalClient::create(options);
    if (!client) return std::fprintf(stderr, "%s\n", client.error().describe().c_str()), 2;

    const auto dir = std::filesystem::temp_directory_path() / ("bhxh-sync-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    store::StoreOptions storeOptions;
    storeOptions.dbPath = dir / "desk.sqlite";
    storeOptions.dailyBackup = false;
    auto opened = store::Store::open(storeOptions);
    if (!opened) return std::fprintf(stderr, "%s\n", opened.error().describe().c_str()), 2;
    auto db = opened->connect();
    if (!db) return std::fprintf(stderr, "%s\n", db.error().describe().c_str()), 2;
    store::SqliteDeclarationRepository repo(*db);
    store::SqliteSyncStateRepository state(*db);
    const std::string office = options.deskId.substr(0, options.deskId.find('-'));
    declarations::SyncEngine engine(**client, repo, state, nullptr, {office, 500, false, image::kDefaultMaxPixels});

    const auto start = std::chrono::steady_clock::now();
    auto summary = engine.runOnce();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!summary) return std::fprintf(stderr, "%s\n", summary.error().describe().c_str()), 1;
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    std::printf("pulled %zu declarations (%zu written, %zu errors) in %.2f s; %.0f per s; peak RSS %.1f MB\n",
                summary->pulled, summary->updated, summary->errors, seconds,
                seconds > 0 ? static_cast<double>(summary->pulled) / seconds : 0.0,
                static_cast<double>(usage.ru_maxrss) / 1024.0);
    std::filesystem::remove_all(dir);
    return summary->errors == 0 ? 0 : 1;
}
