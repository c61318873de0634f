#pragma once
#include "common/result.h"
#include "declarations/decision.h"
#include "declarations/decision_policy.h"
#include "declarations/decision_repository.h"
#include "declarations/declaration.h"
#include "declarations/qa_sampler.h"

#include <chrono>
#include <functional>
#include <string>

namespace bhxh::declarations {

/// What the clerk decided, as the desk hands it to DecisionRecorder.
struct DecisionRequest {
    Declaration declaration;  ///< the version the clerk looked at
    DecisionOutcome outcome = DecisionOutcome::Approved;
    /// Required when rejected: a code of ReasonCodes. reasonText is required for "other" and
    /// otherwise filled with the contract's Vietnamese text of the code.
    std::string reasonCode;
    std::string reasonText;
    std::string officerId;
    std::string secondOfficerId;  ///< the officer who confirmed it (four-eyes), when that applied
    std::string leaseId;  ///< may be empty (decided offline)
    DecisionChecks checks;
    /// What the checks found on the dossier the clerk looked at; an approval is evaluated against
    /// the policy again here, before anything is stored.
    DecisionFacts facts;
    /// The findings the clerk acknowledged (a key and a reason each).
    std::vector<Acknowledgement> acknowledgements;
    std::string language = "vi";  ///< of the citizen's messages
    std::string officeName;       ///< signs the citizen's messages ("BHXH Quận 6")
};

/// Turns a clerk's decision into the durable record: validates it, makes the UUIDv4 idempotency
/// key, and stores the decision, its portal_decision outbox row (key = the idempotency key,
/// payload = DecisionPayload) and the "decision" audit event in ONE DecisionRepository::record
/// call, so nothing leaves the machine before all of it is on disk. An approval that the
/// office's DecisionPolicy does not allow (a blocking finding, an unacknowledged one, a missing
/// second officer) is refused here whatever the screen did.
class DecisionRecorder {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    /// `clock` defaults to the system clock. With a `sampler`, every approval is drawn for the
    /// supervisor's re-check (Decision::qaSample), stored in the same transaction.
    explicit DecisionRecorder(DecisionRepository& decisions, Clock clock = {}, DecisionPolicy policy = {},
                              const QaSampler* sampler = nullptr);

    /// The stored decision (with its id and key), or an Error that says what to fix; a refused
    /// request stores nothing.
    Result<Decision> record(const DecisionRequest& request);

    /// A random (version 4) UUID, lower-case hex with dashes.
    static std::string makeIdempotencyKey();
    /// Attempts a portal decision row gets: the portal may be down for a day, and the backoff
    /// caps at 15 minutes.
    static constexpr int kPortalMaxAttempts = 200;

private:
    DecisionRepository& m_decisions;
    Clock m_clock;
    DecisionPolicy m_policy;
    const QaSampler* m_sampler = nullptr;
};

} // namespace bhxh::declarations
