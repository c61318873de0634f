#include "store/sqlite_settings_repository.h"

#include "store/audit_chain.h"
#include "store/time_codec.h"
#include "store/transaction.h"

namespace bhxh::store {

Result<std::map<std::string, std::string>> SqliteSettingsRepository::all() {
    auto stmt = m_db.prepare("SELECT key, value FROM settings ORDER BY key");
    if (!stmt) return stmt.error();
    std::map<std::string, std::string> values;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        values[stmt->getText(0)] = stmt->getText(1);
    }
    return values;
}

Result<void> SqliteSettingsRepository::change(const std::vector<Change>& changes, const std::string& officerId,
                                              std::chrono::system_clock::time_point at) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    for (const auto& c : changes) {
        auto stmt = m_db.prepare(
            "INSERT INTO settings(key, value, updated_ms) VALUES(?,?,?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms");
        if (!stmt) return stmt.error();
        stmt->bind(1, c.key).bind(2, c.after).bind(3, toMs(at));
        if (auto ok = stmt->run(); !ok) return ok.error();
        const AuditEvent event{"settings_change", officerId, c.key, c.before + " -> " + c.after, at};
        if (auto seq = AuditChain::appendInTransaction(m_db, event); !seq) return seq.error();
    }
    return tx->commit();
}

} // namespace bhxh::store
