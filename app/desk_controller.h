#pragma once
#include "common/cpu_pool.h"
#include "app/app_config.h"
#include "app/desk_chip.h"
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/main_thread_queue.h"
#include "declarations/decision.h"
#include "declarations/decision_policy.h"
#include "declarations/decision_recorder.h"
#include "declarations/declaration_rules.h"
#include "declarations/portal_client.h"
#include "face/face_worker.h"
#include "scan/scan_event.h"
#include "ui_model/desk_snapshot.h"
#include "ui_model/lang_catalog.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bhxh::app {

class PrintService;

/// The walk-in desk's logic: a scanned card → the matching declaration (local cache, then the
/// portal) → comparison, rules, photos and the face check → the clerk's decision, recorded
/// durably before anything leaves. Runs on the UI thread; every read and write goes to its
/// StoreWorker, models to the FaceWorker, the network to the portal hooks.
class DeskController {
public:
    /// Ways out to the portal (set when the portal worker runs; empty = offline desk).
    struct PortalHooks {
        /// Looks the card number up on the portal; done() runs on any thread with the declarations
        /// it stored locally, or an Error.
        std::function<void(const std::string& number,
                           std::function<void(Result<std::vector<declarations::Declaration>>)> done)>
            lookup;
        /// The portal's contact check (phone / e-mail used for another code); done() on any thread.
        std::function<void(const std::string& phone, const std::string& email, const std::string& bhxhCode,
                           std::function<void(Result<declarations::ContactCheck>)> done)>
            contactCheck;
        /// Claims the dossier while it is open (renewed by the worker); nullptr releases.
        std::function<void(const std::string& dossierNo, const std::string& officerId)> hold;
        std::function<void()> release;
        /// A decision was recorded: push it now.
        std::function<void(const std::string& outboxKey)> pushDecision;  ///< at once, ahead of the backlog
    };
    /// Records a decision in one transaction (decision, outbox rows, audit); StoreWorker thread.
    using RecordFn = std::function<Result<declarations::Decision>(StoreContext&, const declarations::DecisionRequest&)>;

    DeskController(const AppConfig& config, MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu, face::FaceWorker* faces,
                   std::string faceError);

    void setPortal(PortalHooks hooks) { m_portal = std::move(hooks); }
    void setRecorder(RecordFn record) { m_record = std::move(record); }
    /// The counter's printer: with one configured, F7 sends the receipt to it (the PDF is kept).
    void setPrinter(PrintService* printer) { m_printer = printer; }
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
    /// Writes the citizen's receipt of the decision (<data_dir>/receipts/<dossier>.pdf) on the store
    /// worker and opens it with the desktop's PDF viewer (xdg-open) for printing.
    void printReceipt(const ui::LangCatalog& lang);
    void close();
    /// UI thread, every frame: textures, the camera view, the outgoing rows while they move.
    /// UI thread: a decoded photo (or the live frame) into its slot of the snapshot.
    void setPicture(const std::string& kind, ui::Picture picture);
    /// The chip (docs/chip.md): the clerk's typed expiry (dd/mm/yyyy) or MRZ lines when the chip
    /// refused the key derived from the QR.
    void chipExpiry(const std::string& text) { m_chip.submitExpiry(text); refreshChip(); }
    void chipMrz(const std::string& text) { m_chip.submitMrz(text); refreshChip(); }
    void beforeFrame(ui::Picture camera, std::vector<std::array<float, 2>> outline);

    [[nodiscard]] const ui::DeskSnapshot& snapshot() const { return m_desk; }

private:
    void recordDecision(declarations::DecisionRequest decision, std::uint64_t generation);
    void decisionRecorded(std::uint64_t generation, const Result<declarations::Decision>& recorded,
                          declarations::DecisionOutcome outcome);
    void open(const scan::ScanEvent& event);
    void show(declarations::Declaration d, std::vector<declarations::Declaration> alternatives);
    /// A fresh snapshot (the camera view kept) and the lease released.
    void resetDesk();
    /// The checks as plain facts, and the checklist and verdict the policy makes of them.
    [[nodiscard]] declarations::DecisionFacts facts() const;
    void updateChecklist();
    void explainMiss(const std::string& number);
    void message(std::string key, std::map<std::string, std::string> params, bool error);
    void loadPhotos(const declarations::Declaration& d);
    /// Completes the contact rules with the portal's answer, when the portal is there.
    void checkContactsOnPortal(const declarations::Declaration& d, std::chrono::system_clock::time_point now,
                               declarations::ContactUse local, std::uint64_t generation);
    /// Scores the photos that are there: portrait ↔ ID-card photo as soon as both are loaded,
    /// then all three pairs once F6 gave a live frame.
    void runFaceCheck();
    void showFaceEvidence(face::FaceEvidence evidence, bool withLive);
    /// The chip: its view into the snapshot; a new reading's comparison and portrait.
    void refreshChip();
    void useChipReading();
    /// chip ↔ portal portrait, and chip ↔ live frame once F6 gave one.
    void runChipFaceCheck();
    void refreshOutgoing();
    [[nodiscard]] std::string officer() const;

    const AppConfig& m_config;
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    CpuPool& m_cpu;  // decoding, encoding, the receipt PDF and the four-eyes password check
    face::FaceWorker* m_faces;
    std::string m_faceError;
    PortalHooks m_portal;
    RecordFn m_record;
    PrintService* m_printer = nullptr;
    AuthorizeFn m_authorize;
    ConfirmOfficerFn m_confirm;
    AuditNoteFn m_note;

    declarations::DecisionPolicy m_policy;
    ui::DeskSnapshot m_desk;
    std::optional<scan::ScanEvent> m_incoming;       // the card that waits (see onScan)
    std::optional<int> m_officerDecisions;           // for the policy's first-N rule
    std::map<std::string, declarations::FaceSignal> m_faceSignals;  // pair label → result
    std::string m_decisionKey;                       // the recorded decision's idempotency key
    std::uint64_t m_generation = 0;  // results for an older declaration are dropped
    std::string m_leaseId;
    std::vector<std::uint8_t> m_portraitBytes;
    std::vector<std::uint8_t> m_idFrontBytes;
    std::vector<std::uint8_t> m_liveBytes;
    std::string m_faceEvidenceJson;
    std::string m_faceModel;  // the scoring models, file:sha256-prefix
    std::optional<double> m_faceScore;
    bool m_portraitIdScored = false;  // the check without a live frame was asked for
    bool m_faceAgain = false;         // input changed while a check ran
    std::chrono::steady_clock::time_point m_nextOutgoingRefresh{};
    DeskChip m_chip;
    std::vector<std::uint8_t> m_chipFaceBytes;  // the chip's portrait (JPEG / JPEG 2000), checked for its size
    std::string m_chipFaceEvidenceJson;
    bool m_chipFaceRunning = false;
    bool m_chipFaceAgain = false;
    bool m_chipLiveScored = false;
    std::uint64_t m_chipGeneration = 0;  // results for an older chip reading are dropped
};

} // namespace bhxh::app
