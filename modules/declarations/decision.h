#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

enum class DecisionOutcome { Approved, Rejected };

/// What the clerk checked before deciding; sent to the portal with the decision.
struct DecisionChecks {
    std::optional<double> faceScore;
    std::string faceModel;
    std::vector<std::string> fieldsMatched;
    std::string cardScanned;  ///< cccd | bhyt | none
    bool walkIn = false;
};

/// A clerk's decision on one declaration, recorded locally before anything leaves the machine.
struct Decision {
    std::int64_t id = 0;  ///< 0 until stored
    std::string dossierNo;
    std::int64_t declarationVersion = 0;  ///< the version the clerk looked at
    DecisionOutcome outcome = DecisionOutcome::Approved;
    std::string reasonCode;  ///< required when rejected (portal-api.md reason codes)
    std::string reasonText;
    std::string officerId;
    std::string leaseId;
    std::chrono::system_clock::time_point decidedAt{};
    /// Made when the clerk decided (a UUID); the portal's Idempotency-Key for this decision.
    std::string idempotencyKey;
    DecisionChecks checks;
};

} // namespace bhxh::declarations
