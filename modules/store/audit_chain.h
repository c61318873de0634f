#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "store/database.h"

#include <cstdint>
#include <optional>
#include <string>

namespace bhxh::store {

/// What `audit verify` found.
struct AuditVerifyReport {
    std::int64_t entries = 0;              ///< entries checked
    std::optional<std::int64_t> brokenSeq; ///< the first entry that does not hold, if any
    std::string reason;                    ///< why it does not hold
    [[nodiscard]] bool intact() const { return !brokenSeq; }
};

/// The audit log's hash chain: encoding, sealing and checking.
class AuditChain {
public:
    /// 64 hex zeros: the previous hash of the first entry.
    static const std::string& genesisHash();
    /// The bytes that are hashed: a version tag, then every field as <length>:<bytes>\n in a
    /// fixed order (seq, at_ms, kind, officer_id, subject, detail, prev_hash). Length prefixes
    /// make the encoding unambiguous whatever the fields contain.
    static std::string canonicalEncoding(const AuditEntry& entry);
    /// Hex SHA-256 (libsodium) of the canonical encoding.
    static std::string computeHash(const AuditEntry& entry);
    /// The audit_log columns, in the order readRow() expects.
    static constexpr const char* kColumns = "seq, at_ms, kind, officer_id, subject, detail, prev_hash, hash";
    /// One audit_log row selected with kColumns.
    static AuditEntry readRow(const Statement& row);
    /// Seals and inserts `event` after the last entry. The caller holds a write transaction,
    /// so that the entry commits (or not) with the work it records.
    static Result<std::int64_t> appendInTransaction(Database& db, const AuditEvent& event);
    /// Walks the whole chain in seq order.
    static Result<AuditVerifyReport> verify(Database& db);
};

} // namespace bhxh::store
