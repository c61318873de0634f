#pragma once
#include "app/command_env.h"
#include "store/store.h"

#include <filesystem>
#include <optional>
#include <string>

namespace bhxh::app::commands {

/// The database a subcommand works on: --db when given, else <paths.data_dir>/desk.sqlite.
std::filesystem::path deskDatabasePath(const std::string& dbOption, const AppConfig& config);

/// Opens (and migrates) the desk's store for a subcommand. Without `create`, a missing file is
/// a usage error (exit 2: wrong --db or data_dir, most likely); with it, the folder and the file
/// are made (the first `officer add` of a new install). Errors are printed and the exit code set.
std::optional<store::Store> openDeskStore(const std::filesystem::path& path, CommandEnv& env, bool create = false);

/// The store and one connection on it, for a subcommand that works on the database.
struct DeskConnection {
    store::Store store;
    store::Database db;
};
/// openDeskStore() and a connection; a failed connection is printed (exit 1).
std::optional<DeskConnection> connectDeskStore(const std::filesystem::path& path, CommandEnv& env, bool create = false);

} // namespace bhxh::app::commands
