// bhxh-desk sync --once: one incremental pull of this office's pending declarations from the
// portal (and their files), then one JSON summary line on stdout. On a terminal, a progress line
// on stderr (pages, declarations, files checked of total) is rewritten as the pull goes.
// Exit codes: 0 the pull reached the portal's latest page with no error, 1 a request failed
// (the local copy is kept; what was stored stays stored), 2 bad configuration or local store.
#include "app/commands/commands.h"
#include "app/portal_client_factory.h"
#include "declarations/adapters/disk_file_cache.h"
#include "declarations/sync_engine.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_sync_state_repository.h"
#include "store/store.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <unistd.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace bhxh::app::commands {

void addSyncCommand(CLI::App& cli, CommandEnv& env) {
    CLI::App* sync = cli.add_subcommand("sync", "Pull this office's pending declarations from the portal");
    auto once = std::make_shared<bool>(false);
    auto noFiles = std::make_shared<bool>(false);
    sync->add_flag("--once", *once, "Run one pull, print a JSON summary line and exit")->required();
    sync->add_flag("--no-files", *noFiles, "Do not download the declarations' photos");
    // CLI11 writes the flags when it parses, after this function returned: the callback holds
    // both values alive (an uncaptured `once` was freed before it was written).
    sync->final_callback([&env, once, noFiles] {
        env.markCommandRan();
        if (!*once) return;  // --once is required; CLI11 refuses the line before this runs
        const AppConfig* config = env.config();
        if (!config) return;
        auto fail = [&env](int code, const std::string& message) {
            std::cerr << "bhxh-desk sync: " << message << '\n';
            env.setExitCode(code);
        };
        auto client = PortalClientFactory::create(*config);
        if (!client) return fail(kExitUsage, client.error().message);

        std::error_code ec;
        std::filesystem::create_directories(config->paths.dataDir, ec);
        // ID-card photos are cached here: owner only, as DeskServices does.
        std::filesystem::permissions(config->paths.dataDir, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, ec);
        store::StoreOptions storeOptions;
        storeOptions.dbPath = config->paths.dataDir / "desk.sqlite";
        auto opened = store::Store::open(std::move(storeOptions));
        if (!opened) return fail(kExitUsage, opened.error().message);
        auto db = opened->connect();
        if (!db) return fail(kExitUsage, db.error().message);
        store::SqliteDeclarationRepository declarationsRepo(*db);
        store::SqliteSyncStateRepository stateRepo(*db);
        declarations::DiskFileCache files(config->paths.dataDir / "files");
        declarations::SyncEngine engine(**client, declarationsRepo, stateRepo, *noFiles ? nullptr : &files,
                                        {config->desk.officeCode, 500, !*noFiles,
                                         static_cast<std::uint64_t>(config->images.maxPixels)});
        const bool terminal = ::isatty(STDERR_FILENO) == 1;
        auto lastShown = std::chrono::steady_clock::time_point{};
        if (terminal) {
            engine.setProgress([&lastShown](const declarations::SyncProgress& p) {
                using Phase = declarations::SyncProgress::Phase;
                const auto now = std::chrono::steady_clock::now();
                if (p.phase != Phase::Done && now - lastShown < std::chrono::milliseconds(250)) return;
                lastShown = now;
                std::cerr << "\r\033[K";  // back to the line's start, cleared
                if (p.phase == Phase::Pull) {
                    std::cerr << "sync: page " << p.pages << ", " << p.pulled << " declarations";
                } else if (p.phase == Phase::Files) {
                    std::cerr << "sync: files of " << p.filesChecked << "/" << p.filesToCheck << " declarations, "
                              << p.files << " downloaded";
                } else {
                    std::cerr << "sync: done, " << p.pulled << " declarations, " << p.files << " files\n";
                }
                std::cerr << std::flush;
            });
        }
        auto summary = engine.runOnce();
        if (!summary) return fail(kExitUsage, "local store: " + summary.error().describe());
        nlohmann::json line{{"pulled", summary->pulled},
                            {"updated", summary->updated},
                            {"photos", summary->photos},
                            {"errors", summary->errors},
                            {"ms", summary->ms},
                            {"up_to_date", summary->upToDate}};
        if (summary->firstError) {
            line["error"] = {{"code", summary->firstError->code}, {"message", summary->firstError->message}};
        }
        std::cout << line.dump() << std::endl;
        if (summary->firstError) {
            fail(kExitFailure, summary->firstError->describe());
        } else {
            env.setExitCode(kExitOk);
        }
    });
}

} // namespace bhxh::app::commands
