#pragma once
#include "declarations/audit_anchorer.h"
#include "store/database.h"

#include <optional>

namespace bhxh::store {

/// The AuditAnchorer's view of the store: the chain's last entry, and the last anchor the portal
/// accepted, noted in sync_state (scope "audit_anchor", cursor "<seq> <mac> <at>"). The note is a
/// convenience for an offline `audit verify` ("last anchored at …"); the portal's copy is the one
/// that counts, since anyone who can write the database can write the note too.
class SqliteAuditHead final : public declarations::AuditHeadSource {
public:
    static constexpr const char* kScope = "audit_anchor";
    explicit SqliteAuditHead(Database& db) : m_db(db) {}
    Result<std::optional<declarations::AuditAnchor>> head() override;
    Result<void> noteAnchored(const declarations::AuditAnchor& anchor) override;
    /// The last anchor noted by noteAnchored, or nullopt.
    Result<std::optional<declarations::AuditAnchor>> lastNoted();

private:
    Database& m_db;
};

} // namespace bhxh::store
