#include "app/commands/desk_store.h"

#include "app/audit_keys.h"

#include <iostream>

namespace bhxh::app::commands {

std::filesystem::path deskDatabasePath(const std::string& dbOption, const AppConfig& config) {
    return dbOption.empty() ? config.paths.dataDir / "desk.sqlite" : std::filesystem::path(dbOption);
}

std::optional<store::Store> openDeskStore(const std::filesystem::path& path, CommandEnv& env, bool create) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        if (!create) {
            std::cerr << "bhxh-desk: " << path.string() << ": no such database file\n";
            env.setExitCode(kExitUsage);
            return std::nullopt;
        }
        std::filesystem::create_directories(path.parent_path().empty() ? "." : path.parent_path(), ec);
        if (ec) {
            std::cerr << "bhxh-desk: " << path.parent_path().string() << ": " << ec.message() << '\n';
            env.setExitCode(kExitFailure);
            return std::nullopt;
        }
    }
    const AppConfig* config = env.config();
    if (!config) return std::nullopt;
    auto keys = loadAuditKeys(*config);
    if (!keys) {
        std::cerr << "bhxh-desk: " << keys.error().message << '\n';
        env.setExitCode(kExitFailure);
        return std::nullopt;
    }
    store::StoreOptions options;
    options.dbPath = path;
    options.dailyBackup = false;
    options.auditKeys = std::move(keys).value();
    auto s = store::Store::open(options);
    if (!s) {
        std::cerr << "bhxh-desk: " << s.error().message << '\n';
        env.setExitCode(kExitUsage);
        return std::nullopt;
    }
    return std::move(s).value();
}

std::optional<DeskConnection> connectDeskStore(const std::filesystem::path& path, CommandEnv& env, bool create) {
    auto st = openDeskStore(path, env, create);
    if (!st) return std::nullopt;
    auto db = st->connect();
    if (!db) {
        std::cerr << "bhxh-desk: " << db.error().message << '\n';
        env.setExitCode(kExitFailure);
        return std::nullopt;
    }
    return DeskConnection{std::move(*st), std::move(db).value()};
}

} // namespace bhxh::app::commands
