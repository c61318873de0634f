#include "app/commands/desk_store.h"

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
    store::StoreOptions options;
    options.dbPath = path;
    options.dailyBackup = false;
    auto s = store::Store::open(options);
    if (!s) {
        std::cerr << "bhxh-desk: " << s.error().message << '\n';
        env.setExitCode(kExitUsage);
        return std::nullopt;
    }
    return std::move(s).value();
}

} // namespace bhxh::app::commands
