#pragma once
#include "app/app_config.h"
#include "app/desk_chip.h"
#include "app/desk_decision_flow.h"
#include "app/desk_face_check.h"
#include "app/desk_lookup.h"
#include "app/desk_receipt.h"
#include "app/desk_state.h"
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/cpu_pool.h"
#include "common/main_thread_queue.h"
#include "declarations/decision.h"
#include "declarations/decision_policy.h"
#include "declarations/portal_client.h"
#include "face/face_worker.h"
#include "scan/scan_event.h"
#include "ui_model/desk_snapshot.h"
#include "ui_model/lang_catalog.h"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::app {

class PrintService;

/// The walk-in desk: a scanned card → the matching declaration → comparison, rules, photos and
/// the face check → the clerk's decision, recorded durably before anything leaves. It holds what
/// the desk shows (DeskState) and which card waits, makes the checklist from the parts' facts,
/// and hands the work to its parts, each a class of its own with its own tests:
/// - DeskLookup: the card (or a dossier number) → the declaration, from the cache or the portal;
/// - DeskFaceCheck: the photos, the live frame, the chip portrait and the face checks;
/// - DeskDecisionFlow: the verdict checked again, four-eyes, recording, the portal's answer;
/// - DeskReceipt: the citizen's receipt, printed or opened;
/// - DeskChip: the CCCD chip.
/// UI thread only; the store, the pool, the face worker and the portal lanes do the waiting.
class DeskController {
public:
    /// Ways out to the portal (set when the portal worker runs; empty = offline desk).
    struct PortalHooks {
        /// Looks the card number up on the portal; done() runs on any thread with the declarations
        /// it stored locally, or an Error.
        DeskLookup::Remote lookup;
        /// The portal's contact check (phone / e-mail used for another code); done() on any thread.
        std::function<void(const std::string& phone, const std::string& email, const std::string& bhxhCode,
                           std::function<void(Result<declarations::ContactCheck>)> done)>
            contactCheck;
        /// Claims the dossier while it is open (renewed by the worker); release() lets it go.
        std::function<void(const std::string& dossierNo, const std::string& officerId)> hold;
        std::function<void()> release;
        /// A decision was recorded: push it now.
        std::function<void(const std::string& outboxKey)> pushDecision;  ///< at once, ahead of the backlog
    };
    using RecordFn = DeskDecisionFlow::RecordFn;

    DeskController(const AppConfig& config, MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu, face::FaceWorker* faces,
                   std::string faceError);

    /// The face models could not be loaded (they load off the UI thread after start): the face
    /// check is off from now on, and the open dossier says why, as when they were missing at start.
    void faceCheckUnavailable(std::string error);
    void setPortal(PortalHooks hooks);
    void setRecorder(RecordFn record) { m_decision.setRecorder(std::move(record)); }
    /// The counter's printer: with one configured, F7 sends the receipt to it (the PDF is kept).
    void setPrinter(PrintService* printer) { m_receipt.setPrinter(printer); }
    /// The office's decision policy ([decision] in the configuration); the recorder holds the same.
    void setPolicy(declarations::DecisionPolicy policy);
    void setAccess(AuthorizeFn authorize, ConfirmOfficerFn confirm, AuditNoteFn note);
    /// The lease the portal gave (or a conflict, no portal, a refusal), from the portal worker.
    void setLease(const std::string& dossierNo, declarations::LeaseState state, const std::string& leaseId,
                  const std::string& holder);

    /// A new payload from the camera or the handheld scanner. While a dossier is open and not
    /// decided, a card opens nothing: it waits as "incoming" and disarms the decision panel until
    /// the clerk opens it (openIncoming) or keeps the dossier (keepCurrent).
    void onScan(const scan::ScanEvent& event);
    /// Ctrl+N: open the card that waits; with none, after a decision, move on to an empty desk.
    void openIncoming();
    /// Ctrl+K: forget the card that waits and re-arm the decision panel for the open dossier.
    void keepCurrent();
    /// The clerk acknowledges a checklist item with one of its listed reasons (or takes it back
    /// with an empty reason).
    void acknowledge(const std::string& item, const std::string& reason);
    /// Opens a dossier by number (the queue's Enter, an alternative of the same card).
    void openDossier(const std::string& dossierNo);
    /// The live frame for the face check (BGR), from the camera.
    void captureLive(const cv::Mat& bgr);
    void decide(const std::string& reasonCode, const std::string& reasonText, const std::string& secondOfficer,
                const std::string& secondPassword);
    /// Writes the citizen's receipt of the decision (<data_dir>/receipts/<dossier>.pdf) off the UI
    /// thread and prints it (or opens it with the desktop's PDF viewer).
    void printReceipt(const ui::LangCatalog& lang) { m_receipt.print(lang, officer()); }
    void close() { resetDesk(); }
    /// The chip (docs/chip.md): the clerk's typed expiry (dd/mm/yyyy) or MRZ lines when the chip
    /// refused the key derived from the QR.
    void chipExpiry(const std::string& text) { m_chip.submitExpiry(text); refreshChip(); }
    void chipMrz(const std::string& text) { m_chip.submitMrz(text); refreshChip(); }
    /// UI thread, every frame: the camera view, the chip, the outgoing rows while they move.
    void beforeFrame(ui::Picture camera, std::vector<std::array<float, 2>> outline);

    [[nodiscard]] const ui::DeskSnapshot& snapshot() const { return m_state.view; }

private:
    void open(const scan::ScanEvent& event);
    /// What the lookup found: the dossier shown, or why there is none.
    void found(DeskLookup::Outcome outcome);
    void show(declarations::Declaration d, std::vector<declarations::Declaration> alternatives);
    /// An empty desk (the camera view kept) and the lease released.
    void resetDesk();
    /// The checks as plain facts, and the checklist and verdict the policy makes of them.
    [[nodiscard]] declarations::DecisionFacts facts() const;
    void updateChecklist();
    /// Completes the contact rules with the portal's answer, when the portal is there.
    void checkContactsOnPortal(const declarations::Declaration& d, std::chrono::system_clock::time_point now,
                               declarations::ContactUse local, std::uint64_t generation);
    /// The chip: its view into the snapshot; a new reading's comparison and portrait.
    void refreshChip();
    void useChipReading();
    [[nodiscard]] std::string officer() const;
    [[nodiscard]] DeskLookup::Wanted wanted() const;

    const AppConfig& m_config;
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    PortalHooks m_portal;
    AuthorizeFn m_authorize;
    AuditNoteFn m_note;
    declarations::DecisionPolicy m_policy;

    DeskState m_state;
    std::optional<scan::ScanEvent> m_incoming;  // the card that waits (see onScan)
    std::optional<int> m_officerDecisions;      // for the policy's first-N rule
    std::string m_leaseId;
    DeskLookup m_lookup;
    DeskFaceCheck m_face;
    DeskDecisionFlow m_decision;
    DeskReceipt m_receipt;
    DeskChip m_chip;
};

} // namespace bhxh::app
