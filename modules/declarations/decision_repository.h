#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "declarations/decision.h"
#include "notify/outbox_item.h"

#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// The clerk's decisions. Implemented by the store.
class DecisionRepository {
public:
    virtual ~DecisionRepository() = default;

    /// Records the decision, the outgoing work it causes (at least the portal decision) and its
    /// audit entry in ONE durable transaction (synchronous=FULL): all of it or nothing. In the
    /// same transaction the cached declaration, while pending or claimed, takes the outcome as
    /// its status ("approved" / "rejected", the portal's values). Fails with an Error when the
    /// dossier already has a decision or the disk is full. Returns the id.
    virtual Result<std::int64_t> record(const Decision& decision, const std::vector<notify::OutboxItem>& outgoing,
                                        const AuditEvent& audit) = 0;
    virtual Result<std::optional<Decision>> findByDossier(const std::string& dossierNo) = 0;
    /// Newest first.
    virtual Result<std::vector<Decision>> recent(std::size_t limit) = 0;
};

} // namespace bhxh::declarations
