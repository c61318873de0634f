// bhxh-desk purge [--days N]: overwrite and delete the cached photos and captured frames of
// declarations decided more than N days ago (the retention days set on the settings screen, else
// [privacy] retention_days).
// Exit codes: 0 done, 1 a file or the store failed, 2 bad usage, bad configuration or no database.
#include "app/commands/commands.h"
#include "app/commands/desk_store.h"
#include "app/commands/officer_id_validator.h"
#include "app/settings_overlay.h"
#include "store/retention_purger.h"
#include "store/sqlite_settings_repository.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace bhxh::app::commands {
namespace {

struct PurgeOptions {
    std::string dbPath;
    int days = 0;  // 0 = [privacy] retention_days
    std::string by = "cli";
};

void purge(const PurgeOptions& o, CommandEnv& env) {
    env.markCommandRan();
    const AppConfig* config = env.config();
    if (!config) return;
    const auto dbPath = deskDatabasePath(o.dbPath, *config);
    auto st = openDeskStore(dbPath, env);
    if (!st) return;
    auto db = st->connect();
    if (!db) {
        std::cerr << "bhxh-desk: " << db.error().message << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    // The cache lives beside the database (<data_dir>/files/...), also when --db points elsewhere.
    const auto dataDir = o.dbPath.empty() ? config->paths.dataDir : dbPath.parent_path();
    // The retention days an administrator set on the settings screen win over the file's.
    AppConfig effective = *config;
    if (auto stored = store::SqliteSettingsRepository(*db).all(); stored) {
        for (const auto& line : SettingsOverlay::applyStored(effective, *stored)) std::cerr << "bhxh-desk: " << line << '\n';
    }
    const int days = o.days > 0 ? o.days : effective.privacy.retentionDays;
    store::RetentionPurger purger(*db, dataDir);
    auto report = purger.purge(std::chrono::days{days}, std::chrono::system_clock::now(), o.by);
    if (!report) {
        std::cerr << "bhxh-desk: purge stopped: " << report.error().message << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    std::cout << "purged (decided more than " << days << " days ago): files " << report->files << ", frames "
              << report->frames << ", bytes " << report->bytes << ", rows cleared " << report->rowsCleared
              << ", already missing " << report->missing << ", skipped (outside " << dataDir.string() << ") "
              << report->skipped << '\n';
    env.setExitCode(kExitOk);
}

} // namespace

void addPurgeCommand(CLI::App& cli, CommandEnv& env) {
    auto o = std::make_shared<PurgeOptions>();
    CLI::App* cmd = cli.add_subcommand(
        "purge", "Overwrite and delete the photos and captured frames of declarations decided more than N days ago");
    cmd->add_option("--days", o->days, "Retention in days (default: the settings screen's value, else [privacy] retention_days, 30)")
        ->check(CLI::Range(1, 3650));
    cmd->add_option("--by", o->by, "Who runs the purge, for the audit log (default: cli)")->check(OfficerIdValidator{});
    cmd->add_option("--db", o->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    cmd->final_callback([o, &env] { purge(*o, env); });
}

} // namespace bhxh::app::commands
