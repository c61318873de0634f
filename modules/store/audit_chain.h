#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "store/audit_key.h"
#include "store/database.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace bhxh::store {

/// The newest entry of the chain: what is anchored at the portal.
struct AuditHead {
    std::int64_t seq = 0;
    std::string seal;  ///< the entry's `hash` column: its MAC once the chain is keyed
};

/// What `audit verify` found.
struct AuditVerifyReport {
    std::int64_t entries = 0;              ///< entries checked
    std::optional<std::int64_t> brokenSeq; ///< the first entry that does not hold, if any
    std::string reason;                    ///< why it does not hold (English, for logs and the screen)
    std::string reasonKey;                 ///< the same as a lang key (audit.reason.*) ...
    std::map<std::string, std::string> reasonArgs;  ///< ... and its parameters
    std::optional<std::int64_t> keyedFrom; ///< seq of the key introduction; none = the chain has no MAC
    std::string keyId;                     ///< the key in force at the end of the chain
    AuditHead head;                        ///< the last entry read
    bool anchorChecked = false;            ///< an anchor was given and the chain matched it
    [[nodiscard]] bool intact() const { return !brokenSeq; }
};

/// The audit log's chain: encoding, sealing and checking.
///
/// Entries written before the desk had an audit key are sealed with a plain SHA-256 of their
/// canonical encoding (v1). From the `audit_key_introduced` entry on, every entry is sealed with
/// HMAC-SHA-512-256 (libsodium crypto_auth) under the key in force, over the v2 encoding that also
/// names the key. An `audit_key_rotated` entry hands over to a new key and is sealed with both
/// (the new key's MAC over the encoding and the old key's MAC). Each seal covers the previous
/// entry's seal, so the first MAC also pins every SHA-256 entry before it.
class AuditChain {
public:
    static constexpr const char* kKeyIntroduced = "audit_key_introduced";
    static constexpr const char* kKeyRotated = "audit_key_rotated";

    /// 64 hex zeros: the previous hash of the first entry.
    static const std::string& genesisHash();
    /// The bytes that are hashed: a version tag, then every field as <length>:<bytes>\n in a
    /// fixed order (seq, at_ms, kind, officer_id, subject, detail, prev_hash). Length prefixes
    /// make the encoding unambiguous whatever the fields contain.
    static std::string canonicalEncoding(const AuditEntry& entry);
    /// The bytes that are MACed: tag bhxh-audit-v2, the key id, then the fields as above.
    static std::string keyedEncoding(const AuditEntry& entry, const std::string& keyId);
    /// Hex SHA-256 (libsodium) of the canonical encoding.
    static std::string computeHash(const AuditEntry& entry);
    /// The audit_log columns, in the order readRow() expects.
    static constexpr const char* kColumns = "seq, at_ms, kind, officer_id, subject, detail, prev_hash, hash";
    /// One audit_log row selected with kColumns.
    static AuditEntry readRow(const Statement& row);
    /// Seals and inserts `event` after the last entry, with the connection's audit keys
    /// (Database::auditKeyring): when the chain is not yet under the key in force, the
    /// introduction or rotation entry goes first. A keyed chain on a connection without keys,
    /// or a chain sealed with a key the keyring lacks, is refused (audit.no_key,
    /// audit.key_unknown): an entry nobody could check is never written. The caller holds a write
    /// transaction, so that the entry commits (or not) with the work it records.
    static Result<std::int64_t> appendInTransaction(Database& db, const AuditEvent& event);
    /// Puts the chain under the connection's key in force now (introduction or rotation entry),
    /// in its own transaction; nothing when it already is or the connection has no keys.
    static Result<void> bringKeyInForce(Database& db);
    /// The last entry, or nullopt for an empty log.
    static Result<std::optional<AuditHead>> head(Database& db);
    /// Walks the whole chain in seq order. With `keys`, every entry from the key introduction on
    /// must carry a valid MAC, and a chain with entries but no introduction fails (it could have
    /// been rewritten whole). With `anchor` (the portal's last anchor), the entry at its seq must
    /// carry its seal, and a chain that ends before it was truncated.
    static Result<AuditVerifyReport> verify(Database& db, const AuditKeyring* keys = nullptr,
                                            const AuditHead* anchor = nullptr);
};

} // namespace bhxh::store
