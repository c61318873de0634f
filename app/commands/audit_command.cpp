// bhxh-desk audit verify: walk the audit log's hash chain and name the first broken entry.
// Exit codes: 0 the chain is intact, 1 it is broken, 2 bad usage or the database cannot be read.
#include "app/commands/commands.h"
#include "store/audit_chain.h"
#include "store/database.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>

namespace bhxh::app::commands {

void addAuditCommand(CLI::App& cli, CommandEnv& env) {
    CLI::App* audit = cli.add_subcommand("audit", "Check the audit trail");
    audit->require_subcommand(1);
    CLI::App* verify = audit->add_subcommand(
        "verify", "Walk the hash chain of the audit log and name the first broken entry "
                  "(exit 0 intact, 1 broken, 2 cannot open)");
    auto dbPath = std::make_shared<std::string>();
    verify->add_option("--db", *dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    verify->final_callback([&env, dbPath] {
        env.markCommandRan();
        std::filesystem::path path = *dbPath;
        if (path.empty()) {
            const AppConfig* config = env.config();
            if (!config) return;
            path = config->paths.dataDir / "desk.sqlite";
        }
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            std::cerr << "bhxh-desk: " << path.string() << ": no such database file\n";
            env.setExitCode(kExitUsage);
            return;
        }
        auto db = store::Database::open(path);
        if (!db) {
            std::cerr << "bhxh-desk: " << db.error().message << '\n';
            env.setExitCode(kExitUsage);
            return;
        }
        auto report = store::AuditChain::verify(*db);
        if (!report) {
            std::cerr << "bhxh-desk: " << path.string() << ": cannot read the audit log (" << report.error().message
                      << ")\n";
            env.setExitCode(kExitUsage);
            return;
        }
        if (report->intact()) {
            std::cout << "audit log intact: " << report->entries << " entries (" << path.string() << ")\n";
            env.setExitCode(kExitOk);
            return;
        }
        std::cout << "audit log BROKEN at entry " << *report->brokenSeq << ": " << report->reason << ". "
                  << report->entries << " entries before it are intact (" << path.string() << ")\n";
        env.setExitCode(kExitFailure);
    });
}

} // namespace bhxh::app::commands
