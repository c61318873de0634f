#pragma once
#include "common/result.h"
#include "declarations/declaration_repository.h"
#include "declarations/file_cache.h"
#include "declarations/portal_client.h"
#include "declarations/decision_repository.h"
#include "declarations/portal_decision_pusher.h"
#include "declarations/portal_lane.h"
#include "declarations/sync_engine.h"
#include "declarations/sync_state_repository.h"
#include "notify/outbox_repository.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

class AuditAnchorer;

/// How the portal looks from the desk, after every attempt to reach it.
struct PortalStatus {
    bool online = false;  ///< the last request reached the portal (a 4xx answer counts as online)
    std::chrono::system_clock::time_point lastSync{};  ///< last sync without error; epoch = never
    std::string lastError;  ///< empty after a success
    std::size_t lastPulled = 0;  ///< declarations received by the last sync
};

/// Where the clerk's claim on a dossier stands.
struct HoldStatus {
    std::string dossierNo;
    std::string leaseId;    ///< non-empty while this desk holds the lease
    std::string expiresAt;  ///< of the lease
    std::string heldBy;     ///< another desk holds it ("07916-D02"), until heldUntil
    std::string heldUntil;
    bool offline = false;   ///< the portal could not be reached: no lease, the clerk works on
    std::string error;      ///< any other refusal (expired, already decided), for the clerk
    [[nodiscard]] bool held() const { return !leaseId.empty(); }
};

/// All portal I/O of the console, in two lanes so that the UI never waits and the clerk's work
/// never waits behind bulk work. Each lane has its own thread, its own client (curl handle) and
/// its own SQLite connection (LaneParts):
/// - the **desk lane** (interactive): lookups of cards not in the local copy, the contact check,
///   the claim lease on the open dossier (renewed at half its ttl) and the push of the decision
///   just taken;
/// - the **bulk lane**: the periodic incremental sync (SyncEngine, with the photo downloads), the
///   backlog of queued decisions (PortalDecisionPusher) and the audit anchor.
/// stop() ends the request under way in each lane at once (the lanes' stop tokens reach curl and
/// every retry pause); the desk lane then releases a held lease within a short budget. Callbacks
/// run on the lane threads; the app posts them to MainThreadQueue. Requests still queued when the
/// worker stops are dropped.
class PortalWorker {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;
    using LookupDone = std::function<void(Result<std::vector<Declaration>>)>;
    using ContactDone = std::function<void(Result<ContactCheck>)>;

    /// What one lane owns: a client and repositories on a SQLite connection of its own.
    struct LaneParts {
        PortalClient& client;
        DeclarationRepository& declarations;
        SyncStateRepository& syncState;
        notify::OutboxRepository& outbox;
        DecisionRepository& decisions;
        FileCache* files;  ///< nullptr: no photo downloads
    };
    struct Options {
        std::string officeCode;
        std::chrono::milliseconds syncInterval{std::chrono::seconds(60)};
        std::chrono::milliseconds pushInterval{std::chrono::seconds(5)};
        int claimTtlS = 120;
        int pageSize = 500;
        bool downloadFiles = true;
        bool syncAtStart = true;  ///< false: the first sync waits for the interval or syncNow()
        Clock clock;  ///< timestamps and the outbox's "now"; defaults to the system clock
        std::uint64_t maxImagePixels = image::kDefaultMaxPixels;  ///< [images] max_pixels of downloaded photos
        std::chrono::milliseconds releaseBudget{1000};  ///< the lease release at stop waits at most this
    };
    struct Callbacks {
        std::function<void(const PortalStatus&)> onStatus;
        std::function<void(const HoldStatus&)> onHold;
        std::function<void(const notify::DrainStats&)> onPushed;  ///< after a push that attempted something
        std::function<void(const SyncProgress&)> onSyncProgress;  ///< after every page of a sync
    };

    PortalWorker(LaneParts desk, LaneParts bulk, Options options, Callbacks callbacks);
    /// Stops and joins.
    ~PortalWorker();
    PortalWorker(const PortalWorker&) = delete;
    PortalWorker& operator=(const PortalWorker&) = delete;

    /// Starts both lanes; the first push (and sync, unless syncAtStart is false) runs at once.
    void start();
    /// Stops both lanes (a held lease is released within Options::releaseBudget) and joins.
    /// Safe to call twice.
    void stop();

    /// A sync now, without waiting for the interval (bulk lane).
    void syncNow();
    /// A push of every due decision now (bulk lane).
    void pushNow();
    /// The push of the decision whose outbox row has this key, at once (desk lane); the backlog
    /// follows on the bulk lane.
    void pushDecision(std::string outboxKey);
    /// Portal lookup of a card (BHXH code or ID number) not in the local copy; the results are
    /// stored locally with their files before `done` is called (desk lane).
    void lookup(std::string bhxhCodeOrIdNumber, LookupDone done);
    /// The portal's half of the contact rules (phone and e-mail used by another code/account).
    void checkContacts(std::string phone, std::string email, std::string bhxhCode, ContactDone done);
    /// Claims the dossier for this desk and keeps the lease renewed while held; a dossier held
    /// before is released first. The outcome reaches onHold.
    void hold(std::string dossierNo, std::string officerId);
    /// Releases the held lease (if any); onHold then reports nothing held.
    void releaseHeld();

    /// Audit anchoring (docs/portal-api.md): the bulk lane sends the head of the audit chain at
    /// start, after decision pushes and then every `interval` (a failed attempt is tried again
    /// after the sync interval). Call before start(); nullptr = no anchoring.
    void setAuditAnchorer(AuditAnchorer* anchorer, std::chrono::milliseconds interval = std::chrono::hours(1));

private:
    using SteadyTime = std::chrono::steady_clock::time_point;
    struct Held {
        std::string dossierNo;
        std::string officerId;
        std::string leaseId;  ///< empty while the portal could not be reached
    };

    // Desk lane.
    SteadyTime deskTimed();
    void runLookup(const std::string& code, const LookupDone& done);
    void runPushKey(const std::string& key);
    void claimHeld();
    void releaseNow();
    // Bulk lane.
    SteadyTime bulkTimed(std::stop_token stop);
    void runSync(std::stop_token stop);
    void runPush(std::stop_token stop);
    /// One anchor attempt; true when it went through.
    bool runAuditAnchor();

    /// Online/offline after a request (either lane): a transient error means the portal was not reached.
    void noteAttempt(const Error* error);
    void noteSync(const SyncSummary& summary);
    void reportHold(const HoldStatus& status);
    [[nodiscard]] std::chrono::system_clock::time_point now() const;

    Options m_options;
    Callbacks m_callbacks;

    // Desk lane: its client and connection, a SyncEngine for the files of looked-up cards.
    PortalClient& m_deskClient;
    DeclarationRepository& m_deskDeclarations;
    SyncEngine m_deskFiles;
    PortalDecisionPusher m_deskPusher;
    std::optional<Held> m_held;        // desk lane only
    SteadyTime m_renewAt{};            // desk lane only

    // Bulk lane.
    SyncEngine m_sync;
    PortalDecisionPusher m_bulkPusher;
    SteadyTime m_nextSync{};
    SteadyTime m_nextPush{};
    SteadyTime m_nextAnchor{};
    AuditAnchorer* m_anchorer = nullptr;  // set before start
    std::chrono::milliseconds m_anchorInterval{std::chrono::hours(1)};

    // Requests for the bulk lane from other threads.
    std::mutex m_requestMutex;
    bool m_syncRequested = false;
    bool m_pushRequested = false;
    bool m_anchorRequested = false;

    // Shared by both lanes.
    std::mutex m_statusMutex;
    PortalStatus m_status;

    // Last: stopped (joined) before the parts they use go.
    PortalLane m_deskLane;
    PortalLane m_bulkLane;
};

} // namespace bhxh::declarations
