#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh::declarations {

enum class DecisionOutcome { Approved, Rejected };

/// "approved" | "rejected": the portal's and the store's spelling, the one pair of functions
/// between the outcome and text. parseDecisionOutcome gives nullopt for any other name (the
/// caller refuses it with an error, never reads it as an approval).
constexpr std::string_view toString(DecisionOutcome o) { return o == DecisionOutcome::Rejected ? "rejected" : "approved"; }
constexpr std::optional<DecisionOutcome> parseDecisionOutcome(std::string_view name) {
    if (name == "approved") return DecisionOutcome::Approved;
    if (name == "rejected") return DecisionOutcome::Rejected;
    return std::nullopt;
}

/// A finding the clerk acknowledged before approving (DecisionPolicy), with the short reason
/// picked from the list the desk offers for it.
struct Acknowledgement {
    std::string item;    ///< the checklist item's id ("field.address", "face.portrait_idcard", …)
    std::string reason;  ///< a code of DecisionPolicy::ackReasons(item)
};

/// What the clerk checked before deciding; sent to the portal with the decision.
struct DecisionChecks {
    std::optional<double> faceScore;
    std::string faceModel;
    std::vector<std::string> fieldsMatched;
    std::string cardScanned;  ///< cccd | bhyt | none
    bool walkIn = false;
    /// The face check's full evidence (face::FaceEvidence::toJson(): every pair's score and band,
    /// the cut-offs, the model file hashes); empty when no face check ran. Kept locally with
    /// the decision; the portal gets faceScore and faceModel.
    std::string faceEvidenceJson;
    /// What the clerk acknowledged before approving, and every finding that was not plain "ok"
    /// ("<item>:<severity>:<state>"), as the policy saw them. Kept locally with the decision.
    std::vector<Acknowledgement> acknowledgements;
    std::vector<std::string> findings;
    std::string secondOfficerId;  ///< who confirmed the approval (four-eyes), when that applied
    /// The card's chip (docs/chip.md): the verdict kind (genuine | read_not_verified |
    /// not_genuine; empty when no chip was read), why it is not genuine, and the SHA-256 (hex) of
    /// the Document Signer certificate that signed it. Never the chip's bytes. Kept locally.
    std::string chipVerdict;
    std::string chipReason;
    std::string chipDsFingerprint;
    /// The chip portrait's face pairs (chip ↔ portal portrait, chip ↔ live frame), as
    /// faceEvidenceJson; empty when they were not scored.
    std::string chipFaceEvidenceJson;
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
    /// Why the approval went to the supervisor's re-check list (QaDraw::reason); empty when it
    /// was not sampled. Stored with the decision, in the same transaction (qa_samples).
    std::string qaSample;
};

} // namespace bhxh::declarations
