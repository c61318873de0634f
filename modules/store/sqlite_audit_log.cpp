#include "store/sqlite_audit_log.h"

#include "store/audit_chain.h"
#include "store/time_codec.h"
#include "store/transaction.h"

namespace bhxh::store {

Result<std::int64_t> SqliteAuditLog::append(const AuditEvent& event) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto seq = AuditChain::appendInTransaction(m_db, event);
    if (!seq) return seq.error();
    if (auto ok = tx->commit(); !ok) return ok.error();
    return seq;
}

namespace {

// Every row of a prepared SELECT of AuditChain::kColumns.
Result<std::vector<AuditEntry>> collect(Statement& stmt) {
    std::vector<AuditEntry> entries;
    while (true) {
        auto row = stmt.step();
        if (!row) return row.error();
        if (!*row) break;
        entries.push_back(AuditChain::readRow(stmt));
    }
    return entries;
}

} // namespace

Result<std::vector<AuditEntry>> SqliteAuditLog::read(std::int64_t fromSeq, std::size_t limit) {
    auto stmt = m_db.prepare(
        std::string("SELECT ") + AuditChain::kColumns + " FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, fromSeq).bind(2, static_cast<std::int64_t>(limit));
    return collect(*stmt);
}

Result<std::vector<AuditEntry>> SqliteAuditLog::readLatest(std::size_t limit) {
    auto stmt = m_db.prepare(std::string("SELECT ") + AuditChain::kColumns + " FROM audit_log ORDER BY seq DESC LIMIT ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, static_cast<std::int64_t>(limit));
    return collect(*stmt);
}

Result<std::vector<AuditEntry>> SqliteAuditLog::readBetween(std::chrono::system_clock::time_point from,
                                                           std::chrono::system_clock::time_point to) {
    auto stmt = m_db.prepare(std::string("SELECT ") + AuditChain::kColumns +
                             " FROM audit_log WHERE at_ms >= ? AND at_ms < ? ORDER BY seq");
    if (!stmt) return stmt.error();
    stmt->bind(1, toMs(from)).bind(2, toMs(to));
    return collect(*stmt);
}

} // namespace bhxh::store
