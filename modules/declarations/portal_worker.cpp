#include "declarations/portal_worker.h"

#include "common/log.h"
#include "declarations/audit_anchorer.h"
#include "declarations/portal_errors.h"

#include <algorithm>

namespace bhxh::declarations {

using SteadyClock = std::chrono::steady_clock;

PortalWorker::PortalWorker(LaneParts desk, LaneParts bulk, Options options, Callbacks callbacks)
    : m_options(std::move(options)),
      m_callbacks(std::move(callbacks)),
      m_deskClient(desk.client),
      m_deskDeclarations(desk.declarations),
      m_deskFiles(desk.client, desk.declarations, desk.syncState, desk.files,
                  {m_options.officeCode, m_options.pageSize, m_options.downloadFiles && desk.files != nullptr,
                   m_options.maxImagePixels}),
      m_deskPusher(desk.outbox, desk.decisions, desk.client, [this] { return now(); }),
      m_sync(bulk.client, bulk.declarations, bulk.syncState, bulk.files,
             {m_options.officeCode, m_options.pageSize, m_options.downloadFiles && bulk.files != nullptr,
              m_options.maxImagePixels}),
      m_bulkPusher(bulk.outbox, bulk.decisions, bulk.client, [this] { return now(); }),
      m_deskLane("portal-desk", desk.client),
      m_bulkLane("portal-bulk", bulk.client) {
    if (m_callbacks.onSyncProgress) m_sync.setProgress(m_callbacks.onSyncProgress);
}

PortalWorker::~PortalWorker() { stop(); }

void PortalWorker::start() {
    const auto t0 = SteadyClock::now();
    m_nextSync = t0 + (m_options.syncAtStart ? SteadyClock::duration::zero() : m_options.syncInterval);
    m_nextPush = t0;
    m_nextAnchor = t0;
    // Another desk should not wait for a lease nobody renews any more: released at stop.
    m_deskLane.start([this](std::stop_token) { return deskTimed(); }, [this] { releaseNow(); }, m_options.releaseBudget);
    m_bulkLane.start([this](std::stop_token stop) { return bulkTimed(stop); });
}

void PortalWorker::stop() {
    // Both stop requests first, so neither lane waits for the other's request to end.
    m_bulkLane.requestStop();
    m_deskLane.requestStop();
    m_bulkLane.stop();
    m_deskLane.stop();
}

std::chrono::system_clock::time_point PortalWorker::now() const {
    return m_options.clock ? m_options.clock() : std::chrono::system_clock::now();
}

// --- Requests from other threads ---

void PortalWorker::syncNow() {
    {
        std::lock_guard lock(m_requestMutex);
        m_syncRequested = true;
    }
    m_bulkLane.wake();
}

void PortalWorker::pushNow() {
    {
        std::lock_guard lock(m_requestMutex);
        m_pushRequested = true;
    }
    m_bulkLane.wake();
}

void PortalWorker::pushDecision(std::string outboxKey) {
    m_deskLane.post([this, key = std::move(outboxKey)](std::stop_token) { runPushKey(key); });
}

void PortalWorker::lookup(std::string bhxhCodeOrIdNumber, LookupDone done) {
    m_deskLane.post([this, code = std::move(bhxhCodeOrIdNumber), done = std::move(done)](std::stop_token) {
        runLookup(code, done);
    });
}

void PortalWorker::checkContacts(std::string phone, std::string email, std::string bhxhCode, ContactDone done) {
    m_deskLane.post([this, phone = std::move(phone), email = std::move(email), bhxhCode = std::move(bhxhCode),
                     done = std::move(done)](std::stop_token) {
        auto answer = m_deskClient.contactCheck(phone, email, bhxhCode);
        noteAttempt(answer ? nullptr : &answer.error());
        if (done) done(std::move(answer));
    });
}

void PortalWorker::hold(std::string dossierNo, std::string officerId) {
    m_deskLane.post([this, dossierNo = std::move(dossierNo), officerId = std::move(officerId)](std::stop_token) {
        if (m_held && m_held->dossierNo != dossierNo) releaseNow();
        m_held = Held{dossierNo, officerId, m_held ? m_held->leaseId : std::string()};
        claimHeld();
    });
    m_deskLane.wake();  // the renewal time changed
}

void PortalWorker::releaseHeld() {
    m_deskLane.post([this](std::stop_token) {
        if (!m_held) return;
        const std::string dossierNo = m_held->dossierNo;
        releaseNow();
        reportHold(HoldStatus{dossierNo, {}, {}, {}, {}, false, {}});
    });
}

// --- Desk lane ---

PortalWorker::SteadyTime PortalWorker::deskTimed() {
    if (m_held && SteadyClock::now() >= m_renewAt) claimHeld();
    return m_held ? m_renewAt : SteadyTime::max();
}

void PortalWorker::runLookup(const std::string& code, const LookupDone& done) {
    auto found = m_deskClient.lookup(code);
    if (!found) {
        noteAttempt(&found.error());
        if (done) done(found.error());
        return;
    }
    noteAttempt(nullptr);
    SyncSummary files;
    for (const auto& declaration : *found) {
        auto stored = m_deskDeclarations.upsert(declaration);
        if (!stored) {
            if (done) done(stored.error());
            return;
        }
        // A failed download leaves the declaration usable; the next sync fetches the file.
        if (auto ok = m_deskFiles.fetchFilesOf(declaration, files); !ok) {
            if (done) done(ok.error());
            return;
        }
    }
    if (files.firstError) bhxh::log::warn("portal lookup: a file was not fetched: " + files.firstError->describe());
    if (done) done(std::move(found).value());
}

void PortalWorker::runPushKey(const std::string& key) {
    auto stats = m_deskPusher.pushKey(key);
    if (!stats) {
        bhxh::log::error("portal decision: local store: " + stats.error().describe());
        return;
    }
    if (stats->sent > 0 || stats->failed > 0) noteAttempt(nullptr);
    if (stats->attempts() > 0 && m_callbacks.onPushed) m_callbacks.onPushed(*stats);
    if (stats->sent > 0 || stats->failed > 0) {
        // Its audit entries go with it: the bulk lane anchors the chain's head.
        {
            std::lock_guard lock(m_requestMutex);
            m_anchorRequested = true;
        }
        m_bulkLane.wake();
    }
}

void PortalWorker::claimHeld() {
    if (!m_held) return;
    const auto ttl = std::chrono::seconds(std::max(2, m_options.claimTtlS));
    auto lease = m_deskClient.claim(m_held->dossierNo, m_held->officerId, static_cast<int>(ttl.count()));
    HoldStatus status{m_held->dossierNo, {}, {}, {}, {}, false, {}};
    if (lease) {
        noteAttempt(nullptr);
        m_held->leaseId = lease->leaseId;
        m_renewAt = SteadyClock::now() + ttl / 2;
        status.leaseId = lease->leaseId;
        status.expiresAt = lease->expiresAt;
        reportHold(status);
        return;
    }
    const Error& e = lease.error();
    if (e.code == portal_error::kCancelled) return;  // stopping: the farewell releases what is held
    noteAttempt(&e);
    if (isTransientPortalError(e.code)) {
        // Offline: the clerk works on from the local copy; try again at the next renewal time.
        m_renewAt = SteadyClock::now() + ttl / 2;
        status.offline = true;
        status.leaseId = m_held->leaseId;
        reportHold(status);
        return;
    }
    if (auto holder = leaseHolderOf(e)) {
        status.heldBy = holder->deskId;
        status.heldUntil = holder->until;
    }
    status.error = e.describe();
    m_held.reset();
    reportHold(status);
}

void PortalWorker::releaseNow() {
    if (!m_held) return;
    if (!m_held->leaseId.empty()) {
        auto released = m_deskClient.release(m_held->dossierNo, m_held->leaseId);
        // A lease that cannot be released runs out by itself at the portal.
        if (!released) bhxh::log::warn("portal release of " + m_held->dossierNo + ": " + released.error().describe());
    }
    m_held.reset();
}

// --- Bulk lane ---

PortalWorker::SteadyTime PortalWorker::bulkTimed(std::stop_token stop) {
    bool syncRequested = false;
    bool pushRequested = false;
    bool anchorRequested = false;
    {
        std::lock_guard lock(m_requestMutex);
        syncRequested = std::exchange(m_syncRequested, false);
        pushRequested = std::exchange(m_pushRequested, false);
        anchorRequested = std::exchange(m_anchorRequested, false);
    }
    // The backlog first: a decision waiting is worth more than a fresh page.
    if (pushRequested || SteadyClock::now() >= m_nextPush) {
        runPush(stop);
        m_nextPush = SteadyClock::now() + m_options.pushInterval;
    }
    if (!stop.stop_requested() && (syncRequested || SteadyClock::now() >= m_nextSync)) {
        runSync(stop);
        m_nextSync = SteadyClock::now() + m_options.syncInterval;
    }
    if (m_anchorer && !stop.stop_requested() && (anchorRequested || SteadyClock::now() >= m_nextAnchor)) {
        const bool anchored = runAuditAnchor();
        m_nextAnchor = SteadyClock::now() + (anchored ? m_anchorInterval
                                                      : std::min<SteadyClock::duration>(m_anchorInterval, m_options.syncInterval));
    }
    SteadyTime due = std::min(m_nextSync, m_nextPush);
    if (m_anchorer) due = std::min(due, m_nextAnchor);
    return due;
}

void PortalWorker::runSync(std::stop_token stop) {
    auto summary = m_sync.runOnce(stop);
    if (!summary && m_callbacks.onSyncProgress) m_callbacks.onSyncProgress({SyncProgress::Phase::Done});
    if (!summary) {
        bhxh::log::error("portal sync: local store: " + summary.error().describe());
        std::lock_guard lock(m_statusMutex);
        m_status.lastError = "local store: " + summary.error().describe();
        if (m_callbacks.onStatus) m_callbacks.onStatus(m_status);
        return;
    }
    if (stop.stop_requested()) return;
    noteSync(*summary);
}

void PortalWorker::runPush(std::stop_token stop) {
    auto stats = m_bulkPusher.pushDue(stop);
    if (!stats) {
        bhxh::log::error("portal decisions: local store: " + stats.error().describe());
        return;
    }
    if (stats->attempts() > 0 && m_callbacks.onPushed) m_callbacks.onPushed(*stats);
    // Every decision the portal took (or refused) is in the audit chain: its head goes with it.
    if (m_anchorer && (stats->sent > 0 || stats->failed > 0)) runAuditAnchor();
}

void PortalWorker::setAuditAnchorer(AuditAnchorer* anchorer, std::chrono::milliseconds interval) {
    m_anchorer = anchorer;
    m_anchorInterval = interval;
}

bool PortalWorker::runAuditAnchor() {
    auto sent = m_anchorer->anchorNow();
    if (!sent) {
        bhxh::log::warn("audit anchor: " + sent.error().describe());
        return false;
    }
    return true;
}

// --- Status, shared by the lanes ---

void PortalWorker::noteAttempt(const Error* error) {
    if (error && error->code == portal_error::kCancelled) return;  // says nothing about the portal
    std::lock_guard lock(m_statusMutex);
    m_status.online = !(error && isTransientPortalError(error->code));
    m_status.lastError = error ? error->describe() : std::string();
    if (m_callbacks.onStatus) m_callbacks.onStatus(m_status);
}

void PortalWorker::noteSync(const SyncSummary& summary) {
    std::lock_guard lock(m_statusMutex);
    m_status.lastPulled = summary.pulled;
    const Error* error = summary.firstError ? &*summary.firstError : nullptr;
    if (!error) m_status.lastSync = now();
    if (error && error->code == portal_error::kCancelled) return;
    m_status.online = !(error && isTransientPortalError(error->code));
    m_status.lastError = error ? error->describe() : std::string();
    if (m_callbacks.onStatus) m_callbacks.onStatus(m_status);
}

void PortalWorker::reportHold(const HoldStatus& status) {
    if (m_callbacks.onHold) m_callbacks.onHold(status);
}

} // namespace bhxh::declarations
