#include "store/sqlite_audit_head.h"

#include "store/audit_chain.h"
#include "store/sqlite_sync_state_repository.h"

#include <sstream>

namespace bhxh::store {

Result<std::optional<declarations::AuditAnchor>> SqliteAuditHead::head() {
    auto last = AuditChain::head(m_db);
    if (!last) return last.error();
    if (!*last) return std::optional<declarations::AuditAnchor>();
    return std::optional<declarations::AuditAnchor>(declarations::AuditAnchor{(*last)->seq, (*last)->seal, {}, {}});
}

Result<void> SqliteAuditHead::noteAnchored(const declarations::AuditAnchor& anchor) {
    declarations::SyncState state;
    state.scope = kScope;
    state.cursor = std::to_string(anchor.seq) + " " + anchor.mac + " " + anchor.at;
    state.lastSuccessAt = std::chrono::system_clock::now();
    return SqliteSyncStateRepository(m_db).save(state);
}

Result<std::optional<declarations::AuditAnchor>> SqliteAuditHead::lastNoted() {
    auto state = SqliteSyncStateRepository(m_db).load(kScope);
    if (!state) return state.error();
    if (!state->cursor) return std::optional<declarations::AuditAnchor>();
    std::istringstream in(*state->cursor);
    declarations::AuditAnchor anchor;
    if (!(in >> anchor.seq >> anchor.mac >> anchor.at)) return std::optional<declarations::AuditAnchor>();
    return std::optional<declarations::AuditAnchor>(std::move(anchor));
}

} // namespace bhxh::store
