#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "declarations/decision.h"
#include "notify/outbox_item.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// Why the portal would not take a decision.
struct PortalRefusal {
    std::string code;     ///< the portal error code (portal_errors.h): portal.conflict, portal.expired, …
    std::string message;  ///< the portal's words and what the desk made of them (for supervisors)
    std::string idempotencyKey;
    std::chrono::system_clock::time_point at{};
};

/// The clerk's decisions. Implemented by the store.
class DecisionRepository {
public:
    virtual ~DecisionRepository() = default;

    /// Records the decision (with its QA sample when `decision.qaSample` is set), the outgoing work it causes (at least the portal decision) and its
    /// audit entry in ONE durable transaction (synchronous=FULL): all of it or nothing. In the
    /// same transaction the cached declaration, while pending or claimed, takes the outcome as
    /// its status ("approved" / "rejected", the portal's values). Fails with an Error when the
    /// dossier already has a decision or the disk is full. Returns the id.
    virtual Result<std::int64_t> record(const Decision& decision, const std::vector<notify::OutboxItem>& outgoing,
                                        const AuditEvent& audit) = 0;
    virtual Result<std::optional<Decision>> findByDossier(const std::string& dossierNo) = 0;
    /// The portal refused the decision sent under `idempotencyKey` for good (lease held by
    /// another desk, expired, invalid): in ONE transaction the outbox row `outboxRowId` (being
    /// sent) fails with `refusal.message`, the decision moves to the refused decisions, the cached
    /// declaration turns back to pending, and `audit` is appended. Nothing is planned for the
    /// citizen. Fails when the row is not being sent or the decision is not there.
    virtual Result<void> refuse(const std::string& idempotencyKey, std::int64_t outboxRowId, const PortalRefusal& refusal,
                                const AuditEvent& audit) = 0;
    /// The newest refusal of a decision on this dossier, if any.
    virtual Result<std::optional<PortalRefusal>> lastRefusal(const std::string& dossierNo) = 0;
    /// How many decisions this officer has recorded (for the policy's first-N rule).
    virtual Result<int> countByOfficer(const std::string& officerId) = 0;
    /// How many approvals this officer has recorded (for the QA sampler's first-N rule).
    virtual Result<int> countApprovalsByOfficer(const std::string& officerId) = 0;
    /// Newest first.
    virtual Result<std::vector<Decision>> recent(std::size_t limit) = 0;
};

} // namespace bhxh::declarations
