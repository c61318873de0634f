#pragma once
#include "common/result.h"
#include "declarations/decision.h"
#include "declarations/declaration.h"
#include "declarations/portal_client.h"
#include "notify/outbox_item.h"

#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// What a portal_decision outbox row carries (its `payload`, JSON): the decision body of
/// portal-api.md under "body", and under "notify" what the follow-up messages need once the portal
/// has answered (who to tell, in which language, what changed). Written by DecisionRecorder, read
/// by PortalDecisionPusher; the one place that knows the row's format. Never holds a password:
/// the portal issues it in its answer and it goes straight to the messages' `secret`.
struct DecisionPayload {
    // The portal's decision body.
    std::string leaseId;   ///< empty = decided without a lease (sent as null)
    DecisionOutcome decision = DecisionOutcome::Approved;
    std::string reasonCode;
    std::string reasonText;
    std::string officerId;
    std::string decidedAt;  ///< RFC 3339
    DecisionChecks checks;

    // For the follow-up messages.
    std::string dossierNo;
    DeclarationRequest request = DeclarationRequest::Register;
    std::string fullName;
    std::string bhxhCode;
    std::string phone;  ///< the contacts on the account now (the old ones of an adjustment)
    std::string email;
    std::optional<AdjustRequest> adjust;
    std::optional<StopRequest> stop;
    std::string language = "vi";
    std::string officeName;

    /// The row's payload.
    [[nodiscard]] std::string toJson() const;
    /// The body of POST /declarations/{dossier_no}/decision.
    [[nodiscard]] std::string portalBody() const;
    /// A row's payload back; an Error names what is missing.
    static Result<DecisionPayload> parse(const std::string& json);

    /// The SMS and e-mail rows the portal's answer calls for (NotificationPlanner): approval of a
    /// register → the login and initial password (in the rows' secret); rejection → the reason;
    /// approval of an adjust → old and new contacts; approval of a stop → its date. Keys derive
    /// from `decisionKey`, so a replayed answer plans the same rows.
    [[nodiscard]] Result<std::vector<notify::OutboxItem>> followUps(const std::string& decisionKey,
                                                                    const DecisionAnswer& answer,
                                                                    int maxAttempts = 8) const;
};

} // namespace bhxh::declarations
