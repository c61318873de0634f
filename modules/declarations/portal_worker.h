#pragma once
#include "common/result.h"
#include "common/worker.h"
#include "declarations/declaration_repository.h"
#include "declarations/file_cache.h"
#include "declarations/portal_client.h"
#include "declarations/decision_repository.h"
#include "declarations/portal_decision_pusher.h"
#include "declarations/sync_engine.h"
#include "declarations/sync_state_repository.h"
#include "notify/outbox_repository.h"

#include <chrono>
#include <condition_variable>
#include <deque>
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

/// The one thread that owns all portal I/O of the console, so the UI never waits: the periodic
/// incremental sync (SyncEngine), lookups of cards not in the local copy, the claim lease on the
/// dossier the clerk has open (renewed at half its ttl), and the push of recorded decisions
/// (PortalDecisionPusher). The client and repositories given to it must be built on a SQLite
/// connection reserved for this thread. Callbacks run on the worker thread; the app posts them to
/// MainThreadQueue. Requests still queued when the worker stops are dropped.
class PortalWorker {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;
    using LookupDone = std::function<void(Result<std::vector<Declaration>>)>;
    using ContactDone = std::function<void(Result<ContactCheck>)>;

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
    };
    struct Callbacks {
        std::function<void(const PortalStatus&)> onStatus;
        std::function<void(const HoldStatus&)> onHold;
        std::function<void(const notify::DrainStats&)> onPushed;  ///< after a push that attempted something
    };

    PortalWorker(PortalClient& client, DeclarationRepository& declarations, SyncStateRepository& syncState,
                 notify::OutboxRepository& outbox, DecisionRepository& decisions, FileCache* files, Options options,
                 Callbacks callbacks);
    /// Stops and joins.
    ~PortalWorker();
    PortalWorker(const PortalWorker&) = delete;
    PortalWorker& operator=(const PortalWorker&) = delete;

    /// Starts the thread; the first push (and sync, unless syncAtStart is false) runs at once.
    void start();
    /// Releases a held lease (best effort), stops and joins. Safe to call twice.
    void stop();

    /// A sync now, without waiting for the interval.
    void syncNow();
    /// A push of due decisions now (call it after recording one).
    void pushNow();
    /// Portal lookup of a card (BHXH code or ID number) not in the local copy; the results are
    /// stored locally with their files before `done` is called.
    void lookup(std::string bhxhCodeOrIdNumber, LookupDone done);
    /// The portal's half of the contact rules (phone and e-mail used by another code/account).
    void checkContacts(std::string phone, std::string email, std::string bhxhCode, ContactDone done);
    /// Claims the dossier for this desk and keeps the lease renewed while held; a dossier held
    /// before is released first. The outcome reaches onHold.
    void hold(std::string dossierNo, std::string officerId);
    /// Releases the held lease (if any); onHold then reports nothing held.
    void releaseHeld();

    /// Audit anchoring (docs/portal-api-audit-anchor.md): the worker sends the head of the audit
    /// chain at start and then every `interval` (a failed attempt is tried again after the sync
    /// interval). Call before start(); nullptr = no anchoring.
    void setAuditAnchorer(AuditAnchorer* anchorer, std::chrono::milliseconds interval = std::chrono::hours(1));

private:
    using Task = std::function<void()>;
    struct Held {
        std::string dossierNo;
        std::string officerId;
        std::string leaseId;  ///< empty while the portal could not be reached
    };

    void post(Task task);
    void run(std::stop_token stop);
    void runSync(std::stop_token stop);
    void runPush(std::stop_token stop);
    void runLookup(const std::string& code, const LookupDone& done);
    void claimHeld();
    void releaseNow();
    /// One anchor attempt; true when it went through.
    bool runAuditAnchor();
    /// Online/offline after a request: a transient error means the portal was not reached.
    void noteAttempt(const Error* error);
    void reportStatus();
    void reportHold(const HoldStatus& status);
    [[nodiscard]] std::chrono::system_clock::time_point now() const;

    PortalClient& m_client;
    DeclarationRepository& m_declarations;
    Options m_options;
    Callbacks m_callbacks;
    SyncEngine m_sync;
    PortalDecisionPusher m_pusher;

    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<Task> m_tasks;
    bool m_syncRequested = false;
    bool m_pushRequested = false;

    // Worker thread only.
    PortalStatus m_status;
    std::optional<Held> m_held;
    std::chrono::steady_clock::time_point m_renewAt{};

    // Audit anchoring (set before start).
    AuditAnchorer* m_anchorer = nullptr;
    std::chrono::milliseconds m_anchorInterval{std::chrono::hours(1)};

    Worker m_thread{"portal"};
};

} // namespace bhxh::declarations
