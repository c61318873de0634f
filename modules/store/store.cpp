#include "store/store.h"

#include "common/log.h"
#include "store/audit_chain.h"

#include <system_error>

namespace bhxh::store {
namespace {

Error corrupt(const std::filesystem::path& dbPath, const std::string& why, const BackupManager& backups) {
    const auto good = backups.lastGoodCopy();
    std::string message = dbPath.string() + " is damaged (" + why + "). ";
    if (good) {
        message += "The last good copy is " + good->string() +
                   ": stop the desk, move the damaged file (and its -wal/-shm) aside and copy that file in its place.";
    } else {
        message += "No good copy was found in " + backups.dir().string() + ".";
    }
    return makeError("store.corrupt", message);
}

} // namespace

Result<void> Store::checkIntegrity(const std::filesystem::path& dbPath, const BackupManager& backups) {
    auto db = Database::open(dbPath);
    if (!db) {
        if (db.error().code == "store.corrupt") return corrupt(dbPath, db.error().message, backups);
        return db.error();
    }
    auto check = db->queryText("PRAGMA quick_check");
    if (!check) return corrupt(dbPath, check.error().message, backups);
    if (*check != "ok") return corrupt(dbPath, "quick_check: " + *check, backups);
    return {};
}

Result<Store> Store::open(StoreOptions options) {
    if (options.dbPath.empty()) return makeError("store.open", "no database path given");
    if (options.backupDir.empty()) options.backupDir = options.dbPath.parent_path() / "backups";
    std::error_code ec;
    if (!options.dbPath.parent_path().empty()) std::filesystem::create_directories(options.dbPath.parent_path(), ec);
    if (ec) return makeError("store.open", options.dbPath.parent_path().string() + ": cannot create the folder (" + ec.message() + ")");

    BackupManager backups(options.backupDir, options.backupKeep);
    const bool existed = std::filesystem::exists(options.dbPath, ec);
    if (existed) {
        if (auto ok = checkIntegrity(options.dbPath, backups); !ok) return ok.error();
    }

    auto db = Database::open(options.dbPath);
    if (!db) return db.error();
    db->setAuditKeyring(options.auditKeys);
    Migrator migrator(options.migrations);
    if (auto ok = migrator.validate(); !ok) return ok.error();
    auto version = db->schemaVersion();
    if (!version) return version.error();

    Store store(std::move(options), std::move(backups));
    store.m_openedAt = static_cast<int>(*version);
    const auto now = std::chrono::system_clock::now();
    if (store.m_openedAt > 0 && store.m_openedAt < migrator.latestVersion()) {
        auto copy = store.m_backups.take(*db, "pre-v" + std::to_string(migrator.latestVersion()), now);
        if (!copy) return makeError(copy.error().code, "not migrating without a copy: " + copy.error().message);
        log::info("store: copied the database to " + copy->string() + " before migrating");
    }
    auto from = migrator.migrate(*db);
    if (!from) return from.error();
    store.m_version = migrator.latestVersion();
    if (auto keyed = AuditChain::bringKeyInForce(*db); !keyed) return keyed.error();
    if (store.m_openedAt == 0) {
        log::info("store: created " + store.path().string() + " at schema " + std::to_string(store.m_version));
    } else if (store.m_openedAt != store.m_version) {
        log::info("store: migrated " + store.path().string() + " from schema " + std::to_string(store.m_openedAt) +
                  " to " + std::to_string(store.m_version));
    }
    if (store.m_options.dailyBackup) {
        const auto last = store.m_backups.newest("daily");
        if (!last || now - *last >= std::chrono::hours(24)) {
            auto copy = store.m_backups.take(*db, "daily", now);
            // A failed daily copy must not stop the desk; it is logged and tried again next start.
            if (!copy) log::warn("store: " + copy.error().describe());
        }
    }
    return store;
}

Result<Database> Store::connect(const ConnectionOptions& options) const {
    auto db = Database::open(m_options.dbPath, options);
    if (db) db->setAuditKeyring(m_options.auditKeys);
    return db;
}

Result<std::filesystem::path> Store::backupNow(const std::string& label) {
    auto db = connect();
    if (!db) return db.error();
    return m_backups.take(*db, label, std::chrono::system_clock::now());
}

} // namespace bhxh::store
