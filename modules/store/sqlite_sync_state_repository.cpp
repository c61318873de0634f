#include "store/sqlite_sync_state_repository.h"

#include "store/time_codec.h"

namespace bhxh::store {

Result<declarations::SyncState> SqliteSyncStateRepository::load(const std::string& scope) {
    auto stmt = m_db.prepare("SELECT cursor, last_success_ms, last_error FROM sync_state WHERE scope = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, scope);
    auto row = stmt->step();
    if (!row) return row.error();
    declarations::SyncState state;
    state.scope = scope;
    if (*row) {
        state.cursor = stmt->getOptionalText(0);
        state.lastSuccessAt = fromMs(stmt->getInt(1));
        state.lastError = stmt->getText(2);
    }
    return state;
}

Result<void> SqliteSyncStateRepository::save(const declarations::SyncState& state) {
    auto stmt = m_db.prepare(
        "INSERT INTO sync_state(scope, cursor, last_success_ms, last_error) VALUES(?,?,?,?) "
        "ON CONFLICT(scope) DO UPDATE SET cursor = excluded.cursor, last_success_ms = excluded.last_success_ms, "
        "last_error = excluded.last_error");
    if (!stmt) return stmt.error();
    stmt->bind(1, state.scope).bind(2, state.cursor).bind(3, toMs(state.lastSuccessAt)).bind(4, state.lastError);
    return stmt->run();
}

} // namespace bhxh::store
