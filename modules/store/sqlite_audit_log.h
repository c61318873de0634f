#pragma once
#include "common/audit_log.h"
#include "store/database.h"

namespace bhxh::store {

/// AuditLog on the store's audit_log table (see AuditChain for the sealing).
class SqliteAuditLog final : public AuditLog {
public:
    explicit SqliteAuditLog(Database& db) : m_db(db) {}
    Result<std::int64_t> append(const AuditEvent& event) override;
    Result<std::vector<AuditEntry>> read(std::int64_t fromSeq, std::size_t limit) override;
    /// The newest `limit` entries, newest first (the supervisor's audit screen).
    Result<std::vector<AuditEntry>> readLatest(std::size_t limit);
    /// Entries with from <= at < to, oldest first (for exports by date).
    Result<std::vector<AuditEntry>> readBetween(std::chrono::system_clock::time_point from,
                                                std::chrono::system_clock::time_point to);

private:
    Database& m_db;
};

} // namespace bhxh::store
