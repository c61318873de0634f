#pragma once
#include "common/result.h"
#include "store/audit_key.h"
#include "store/backup_manager.h"
#include "store/database.h"
#include "store/migration.h"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace bhxh::store {

/// Where the store lives and how it starts.
struct StoreOptions {
    std::filesystem::path dbPath;     ///< usually <paths.data_dir>/desk.sqlite
    std::filesystem::path backupDir;  ///< empty → <dbPath's folder>/backups
    int backupKeep = 7;               ///< copies kept per label (pre-migration, daily, manual)
    bool dailyBackup = true;          ///< take a "daily" copy at open when the last is ≥ 24 h old
    std::vector<Migration> migrations = builtInMigrations();
    /// The desk's audit keys (kept outside the database). When set, open() puts the audit chain
    /// under the key in force (an introduction or rotation entry) and every connection from
    /// connect() seals with it.
    std::shared_ptr<const AuditKeyring> auditKeys;
};

/// The local store's front door. open() checks the file (a damaged one is refused with the
/// path of the last good copy), refuses a newer schema, copies the file before migrating, then
/// migrates. Each thread then takes its own connection with connect() and builds the
/// repositories it needs on it.
class Store {
public:
    static Result<Store> open(StoreOptions options);

    /// A new connection for the calling thread.
    [[nodiscard]] Result<Database> connect(const ConnectionOptions& options = {}) const;
    /// Takes a copy now (label "manual" or "daily").
    Result<std::filesystem::path> backupNow(const std::string& label = "manual");
    [[nodiscard]] const BackupManager& backups() const { return m_backups; }
    [[nodiscard]] const std::filesystem::path& path() const { return m_options.dbPath; }
    /// The schema version the file had before open() migrated it (0 for a new file).
    [[nodiscard]] int openedAtVersion() const { return m_openedAt; }
    [[nodiscard]] int schemaVersion() const { return m_version; }

    /// Opens the file and runs PRAGMA quick_check, naming the last good copy when it fails.
    static Result<void> checkIntegrity(const std::filesystem::path& dbPath, const BackupManager& backups);

private:
    Store(StoreOptions options, BackupManager backups)
        : m_options(std::move(options)), m_backups(std::move(backups)) {}
    StoreOptions m_options;
    BackupManager m_backups;
    int m_openedAt = 0;
    int m_version = 0;
};

} // namespace bhxh::store
