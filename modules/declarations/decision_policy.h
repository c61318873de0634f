#pragma once
#include "declarations/card_comparison.h"
#include "declarations/declaration_rules.h"
#include "declarations/decision.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// What a check asks of the clerk before an approval. Ordered: a higher value is stricter.
enum class CheckSeverity {
    Ok,             ///< nothing to do
    Info,           ///< shown, asks for nothing (a rule that could not be checked)
    Acknowledge,    ///< the clerk confirms this item with a key and a short reason
    SecondOfficer,  ///< a second officer signs the approval (four-eyes)
    Blocking,       ///< no approval: reject, or fix the cause (scan the right card, wait for the portal)
};

/// The result of one face pair as the policy sees it.
enum class FaceSignal { NotChecked, Same, Review, Different, NoFace };

/// What the desk knows of the card's chip (docs/chip.md, "The verdict"). The chip is optional:
/// a desk without a reader, or a card not placed, is NotRead and asks for nothing.
struct ChipFinding {
    enum class Kind {
        NotRead,          ///< no reader, or the chip was not read (yet)
        Genuine,          ///< signature, hashes and the DS chain good
        ReadNotVerified,  ///< read and hashes good, but no CSCA configured to check the signer
        NotGenuine,       ///< reason says why
    };
    Kind kind = Kind::NotRead;
    std::string reason;  ///< when NotGenuine: hash_mismatch, unknown_signer, expired_signer, … (chip.reason.*)
};

/// The lease on the open dossier at the portal.
enum class LeaseState { None, Held, Offline, Conflict, Refused };

/// Everything the checks found on the open dossier, as plain values (the desk fills it; the
/// recorder evaluates it again before anything is stored).
struct DecisionFacts {
    /// The comparison with the card scanned at the desk; nullopt when no card was scanned.
    std::optional<CardComparison> comparison;
    std::vector<RuleCheck> rules;
    LeaseState lease = LeaseState::None;
    bool faceCheckAvailable = true;  ///< the face models are loaded
    bool faceRunning = false;        ///< a face check is still working
    FaceSignal portraitIdcard = FaceSignal::NotChecked;
    bool liveTaken = false;          ///< F6 gave a live frame and the full check answered
    FaceSignal portraitLive = FaceSignal::NotChecked;
    FaceSignal idcardLive = FaceSignal::NotChecked;
    std::optional<float> liveness;   ///< advisory liveness of the live frame
    /// The chip's portrait (DG2) joins the face check: chip ↔ portal portrait, chip ↔ live frame.
    bool chipFace = false;           ///< a chip portrait was read
    FaceSignal chipPortrait = FaceSignal::NotChecked;
    FaceSignal chipLive = FaceSignal::NotChecked;
    ChipFinding chip;                ///< the chip's verdict (NotRead: nothing asked)
    /// The declaration beside the chip's DG13 (same rules as the QR's; items "chip_field.<field>");
    /// nullopt when no chip was read.
    std::optional<CardComparison> chipComparison;
    /// The officer's decisions so far (for the first-N rule); nullopt when unknown.
    std::optional<int> officerDecisions;
};

/// The office's rules ([decision] in the configuration).
struct PolicyConfig {
    bool fourEyes = true;            ///< off: what needs a second officer is refused instead
    bool requireLivePhoto = false;   ///< an approval without a live photo (F6) needs an acknowledgement
    double minLiveness = 0.5;        ///< a lower advisory liveness needs an acknowledgement
    int newOfficerDecisions = 20;    ///< an officer's first N decisions: acknowledgements need a second officer
};

/// One line of the clerk's checklist. `id` names the check ("field.full_name", "rule.deadline",
/// "face.portrait_idcard", "lease", "live_photo", …); the text is lang key "check.<id>.<state>"
/// with `params` (state = the key suffix in `state`).
struct ChecklistItem {
    std::string id;
    CheckSeverity severity = CheckSeverity::Ok;
    std::string state;  ///< ok | fail | differs_marks | not_checked | running | … (lang key suffix)
    std::map<std::string, std::string> params;
};

/// Whether an approval may go ahead, and what stands in the way.
struct ApprovalVerdict {
    enum class State { Ready, Blocked, NeedsAcknowledgement, NeedsSecondOfficer };
    State state = State::Ready;
    std::vector<std::string> blocking;        ///< item ids that refuse the approval
    std::vector<std::string> unacknowledged;  ///< item ids still waiting for an acknowledgement
    bool secondOfficerRequired = false;       ///< true also when one is already given
    [[nodiscard]] bool ready() const { return state == State::Ready; }
};

/// The checks the desk shows as one checklist, in display order.
struct Checklist {
    std::vector<ChecklistItem> items;
    [[nodiscard]] const ChecklistItem* find(const std::string& id) const;
};

/// The office's decision policy: which findings block an approval, which need the clerk's
/// explicit acknowledgement (a key and a reason per item) and which need a second officer.
/// Rejections are never held back. Pure: the same facts always give the same checklist.
class DecisionPolicy {
public:
    DecisionPolicy() = default;
    explicit DecisionPolicy(PolicyConfig config) : m_config(config) {}

    [[nodiscard]] Checklist evaluate(const DecisionFacts& facts) const;
    /// May the clerk approve, given the acknowledgements made and whether a second officer signs?
    /// An acknowledgement of an item that does not ask for one, or with an unknown reason, counts
    /// for nothing.
    [[nodiscard]] ApprovalVerdict approval(const Checklist& checklist, const DecisionFacts& facts,
                                           const std::vector<Acknowledgement>& acknowledgements,
                                           bool secondOfficerSigned) const;
    /// The short reasons a clerk may give for an acknowledgement, for one item (lang key
    /// "ack_reason.<reason>"). Empty for an item that takes no acknowledgement.
    [[nodiscard]] static const std::vector<std::string>& ackReasons(const std::string& itemId);
    [[nodiscard]] const PolicyConfig& config() const { return m_config; }

private:
    PolicyConfig m_config;
};

[[nodiscard]] std::string_view severityName(CheckSeverity severity);

} // namespace bhxh::declarations
