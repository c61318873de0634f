#include "store/migration.h"

#include "store/transaction.h"

namespace bhxh::store {

Result<void> Migrator::validate() const {
    for (std::size_t i = 0; i < m_migrations.size(); ++i) {
        if (m_migrations[i].version != static_cast<int>(i) + 1) {
            return makeError("store.migration", "migration " + m_migrations[i].name + " has version " +
                                                    std::to_string(m_migrations[i].version) + ", expected " +
                                                    std::to_string(i + 1) + " (versions run 1, 2, 3, ... with no gap)");
        }
    }
    return {};
}

Result<int> Migrator::migrate(Database& db) const {
    if (auto ok = validate(); !ok) return ok.error();
    auto current = db.schemaVersion();
    if (!current) return current.error();
    const int from = static_cast<int>(*current);
    if (from > latestVersion()) {
        return makeError("store.too_new", db.path().string() + " has schema version " + std::to_string(from) +
                                              " but this bhxh-desk knows only up to " + std::to_string(latestVersion()) +
                                              ": it was written by a newer bhxh-desk. Install that version, or "
                                              "restore an older backup; the file was not changed.");
    }
    for (const auto& m : m_migrations) {
        if (m.version <= from) continue;
        auto tx = Transaction::begin(db);
        if (!tx) return tx.error();
        // Another process (the console and a subcommand starting together) may have applied it
        // while this one waited for the write lock.
        auto now = db.schemaVersion();
        if (!now) return now.error();
        if (*now >= m.version) continue;
        if (auto ok = db.exec(m.sql); !ok) {
            return makeError(ok.error().code, "migration " + m.name + " failed: " + ok.error().message);
        }
        if (auto ok = db.exec("PRAGMA user_version = " + std::to_string(m.version)); !ok) return ok.error();
        if (auto ok = tx->commit(); !ok) return ok.error();
    }
    return from;
}

} // namespace bhxh::store
