#pragma once
#include "declarations/card_comparison.h"
#include "declarations/declaration.h"
#include "declarations/declaration_rules.h"
#include "declarations/decision.h"
#include "declarations/decision_policy.h"
#include "face/score_band.h"
#include "idcard/parsed_card.h"
#include "notify/outbox_item.h"
#include "ui_model/picture.h"
#include "ui_model/print_status.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::ui {

/// One photo of the open declaration (portrait, id_front, id_back, birth_certificate, live).
struct PhotoSlot {
    std::string kind;
    Picture picture;
    bool loading = false;
    std::string errorKey;  ///< lang key when it cannot be shown (not cached, unreadable)
};

/// One face pair as the panel shows it.
struct FacePairView {
    std::string label;            ///< portrait-live | portrait-idcard | idcard-live
    std::optional<double> score;
    face::Band band = face::Band::NoFace;
    std::vector<std::string> notes;
};

/// The face check of the open declaration: portrait ↔ ID-card photo once both are loaded, then
/// the three pairs once a live frame is captured (F6).
struct FaceView {
    bool running = false;
    bool done = false;        ///< the check with the live frame has answered (pairs holds all three)
    std::string errorKey;     ///< lang key (face.models_missing, …)
    std::string errorDetail;
    std::vector<FacePairView> pairs;  ///< what is known so far (portrait-idcard alone before F6)
    std::optional<float> liveness;
};

/// The card's chip at the desk (docs/chip.md "At the desk"): what the clerk must do, the read's
/// progress and one verdict. `enabled` is false on a desk without a reader ([chip] enabled).
struct ChipView {
    bool enabled = false;
    /// no_service | no_reader | waiting_for_key | waiting_for_card | reading | key_refused |
    /// key_needed (no key could be derived) | done | failed (lang keys chip.state.*)
    std::string state;
    std::string file;           ///< while reading: com | dg1 | dg2 | dg13 | dg15 | sod (chip.file.*)
    std::size_t done = 0;       ///< bytes of that file read so far
    std::size_t total = 0;
    std::string verdict;        ///< when done: genuine | read_not_verified | not_genuine (chip.verdict.*)
    std::string reason;         ///< when not_genuine: chip.reason.* suffix
    std::string errorCode;      ///< when failed: the error code (chip.card_removed, chip.reader_gone, …)
    std::string keyErrorKey;    ///< a typed expiry or MRZ the desk could not use (lang key)
    /// The declaration beside the chip's DG13 (or its MRZ), for the comparison table's chip column.
    std::optional<declarations::CardComparison> comparison;
};

/// A message or portal decision that the decision caused, for the "being sent" list.
struct OutgoingView {
    std::string channel;  ///< portal_decision | sms | email
    notify::OutboxState state = notify::OutboxState::Queued;
    std::string lastError;
};

/// Everything the walk-in desk view draws. Owned by the desk controller, written only on the UI
/// thread (from main-thread-queue tasks), read by DeskView::draw.
struct DeskSnapshot {
    enum class Phase { Waiting, Looking, NotFound, Open };
    Phase phase = Phase::Waiting;
    /// A line for the clerk (lang key + params): "not registered", "expired", "other office", a
    /// storage or portal error, "decision recorded".
    std::string messageKey;
    std::map<std::string, std::string> messageParams;
    bool messageIsError = false;
    /// The receipt on its way to the printer (F7), when a printer is configured.
    PrintStatus print;

    std::optional<declarations::Declaration> declaration;
    /// Other pending declarations the same card opens (a parent with two children).
    std::vector<declarations::Declaration> alternatives;
    std::optional<idcard::ParsedCard> card;
    std::string cardOrigin;  ///< camera | wedge | queue
    declarations::CardComparison comparison;
    std::vector<declarations::RuleCheck> rules;
    std::optional<int> daysLeft;
    std::string deadline;  ///< the declaration's last day, dd/mm/yyyy (empty when unreadable)
    std::vector<PhotoSlot> photos;
    FaceView face;
    ChipView chip;

    declarations::LeaseState leaseState = declarations::LeaseState::None;
    std::string leaseHolder;  ///< the other desk for conflict, the portal's reason for refused

    /// The decision policy's checklist for the open dossier, what the clerk acknowledged, and
    /// whether an approval may go ahead (recomputed whenever a check answers).
    declarations::Checklist checklist;
    std::vector<declarations::Acknowledgement> acknowledgements;
    declarations::ApprovalVerdict verdict;

    /// A card scanned while this dossier is open and undecided: it is NOT opened; the decision
    /// panel is disarmed until the clerk opens it (Ctrl+N) or keeps the current dossier (Ctrl+K).
    struct Incoming {
        std::string maskedName;  ///< e.g. "N*** V*** A***"; empty for a card that did not parse
        std::string messageKey;  ///< desk.incoming | desk.incoming_invalid
    };
    std::optional<Incoming> incoming;

    bool deciding = false;
    bool decided = false;
    std::optional<declarations::DecisionOutcome> decidedOutcome;  ///< set once decided
    /// Where the decision stands at the portal: waiting (recorded here, not yet accepted),
    /// accepted, failed (not sent and not retried: a supervisor looks at the outbox), or ""
    /// before a decision.
    std::string portalState;
    /// The portal refused the last decision on this dossier (lang key desk.refused.<code>); the
    /// dossier is open for a decision again.
    std::string refusalKey;
    std::vector<OutgoingView> outgoing;

    /// Live camera view with the last QR outline (corners in picture pixels; empty when old).
    Picture camera;
    std::vector<std::array<float, 2>> qrOutline;
};

} // namespace bhxh::ui
