#include "declarations/portal_worker.h"

#include "common/log.h"
#include "declarations/audit_anchorer.h"
#include "declarations/portal_errors.h"

#include <algorithm>

namespace bhxh::declarations {

using SteadyClock = std::chrono::steady_clock;

PortalWorker::PortalWorker(PortalClient& client, DeclarationRepository& declarations, SyncStateRepository& syncState,
                           notify::OutboxRepository& outbox, DecisionRepository& decisions, FileCache* files,
                           Options options, Callbacks callbacks)
    : m_client(client),
      m_declarations(declarations),
      m_options(std::move(options)),
      m_callbacks(std::move(callbacks)),
      m_sync(client, declarations, syncState, files,
             {m_options.officeCode, m_options.pageSize, m_options.downloadFiles && files != nullptr,
              m_options.maxImagePixels}),
      m_pusher(outbox, decisions, client, [this] { return now(); }) {}

PortalWorker::~PortalWorker() { stop(); }

void PortalWorker::start() {
    m_thread.start([this](std::stop_token stop) { run(stop); });
}

void PortalWorker::stop() { m_thread.stop(); }

std::chrono::system_clock::time_point PortalWorker::now() const {
    return m_options.clock ? m_options.clock() : std::chrono::system_clock::now();
}

void PortalWorker::post(Task task) {
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void PortalWorker::syncNow() {
    {
        std::lock_guard lock(m_mutex);
        m_syncRequested = true;
    }
    m_wake.notify_one();
}

void PortalWorker::pushNow() {
    {
        std::lock_guard lock(m_mutex);
        m_pushRequested = true;
    }
    m_wake.notify_one();
}

void PortalWorker::lookup(std::string bhxhCodeOrIdNumber, LookupDone done) {
    post([this, code = std::move(bhxhCodeOrIdNumber), done = std::move(done)] { runLookup(code, done); });
}

void PortalWorker::checkContacts(std::string phone, std::string email, std::string bhxhCode, ContactDone done) {
    post([this, phone = std::move(phone), email = std::move(email), bhxhCode = std::move(bhxhCode),
          done = std::move(done)] {
        auto answer = m_client.contactCheck(phone, email, bhxhCode);
        noteAttempt(answer ? nullptr : &answer.error());
        if (done) done(std::move(answer));
    });
}

void PortalWorker::hold(std::string dossierNo, std::string officerId) {
    post([this, dossierNo = std::move(dossierNo), officerId = std::move(officerId)] {
        if (m_held && m_held->dossierNo != dossierNo) releaseNow();
        m_held = Held{dossierNo, officerId, m_held ? m_held->leaseId : std::string()};
        claimHeld();
    });
}

void PortalWorker::releaseHeld() {
    post([this] {
        if (!m_held) return;
        const std::string dossierNo = m_held->dossierNo;
        releaseNow();
        reportHold(HoldStatus{dossierNo, {}, {}, {}, {}, false, {}});
    });
}

void PortalWorker::run(std::stop_token stop) {
    auto nextSync = SteadyClock::now() + (m_options.syncAtStart ? SteadyClock::duration::zero() : m_options.syncInterval);
    auto nextPush = SteadyClock::now();
    auto nextAnchor = SteadyClock::now();  // audit anchoring: see runAuditAnchor
    while (!stop.stop_requested()) {
        std::deque<Task> tasks;
        bool syncRequested = false;
        bool pushRequested = false;
        {
            std::unique_lock lock(m_mutex);
            auto deadline = std::min(nextSync, nextPush);
            if (m_held) deadline = std::min(deadline, m_renewAt);
            if (m_anchorer) deadline = std::min(deadline, nextAnchor);
            m_wake.wait_until(lock, stop, deadline,
                              [this] { return !m_tasks.empty() || m_syncRequested || m_pushRequested; });
            if (stop.stop_requested()) break;
            tasks.swap(m_tasks);
            syncRequested = std::exchange(m_syncRequested, false);
            pushRequested = std::exchange(m_pushRequested, false);
        }
        for (auto& task : tasks) task();
        if (syncRequested || SteadyClock::now() >= nextSync) {
            runSync(stop);
            nextSync = SteadyClock::now() + m_options.syncInterval;
        }
        if (pushRequested || SteadyClock::now() >= nextPush) {
            runPush(stop);
            nextPush = SteadyClock::now() + m_options.pushInterval;
        }
        if (m_held && SteadyClock::now() >= m_renewAt) claimHeld();
        if (m_anchorer && SteadyClock::now() >= nextAnchor) {
            const bool anchored = runAuditAnchor();
            nextAnchor = SteadyClock::now() + (anchored ? m_anchorInterval
                                                        : std::min<SteadyClock::duration>(m_anchorInterval, m_options.syncInterval));
        }
    }
    // Another desk should not wait for a lease nobody renews any more.
    if (m_held) releaseNow();
}

void PortalWorker::runSync(std::stop_token stop) {
    auto summary = m_sync.runOnce(stop);
    if (!summary) {
        m_status.lastError = "local store: " + summary.error().describe();
        bhxh::log::error("portal sync: " + m_status.lastError);
        reportStatus();
        return;
    }
    m_status.lastPulled = summary->pulled;
    if (summary->firstError) {
        noteAttempt(&*summary->firstError);
    } else {
        m_status.lastSync = now();
        noteAttempt(nullptr);
    }
}

void PortalWorker::runPush(std::stop_token stop) {
    auto stats = m_pusher.pushDue(stop);
    if (!stats) {
        bhxh::log::error("portal decisions: local store: " + stats.error().describe());
        return;
    }
    if (stats->attempts() > 0 && m_callbacks.onPushed) m_callbacks.onPushed(*stats);
    // Every decision the portal took (or refused) is in the audit chain: its head goes with it.
    if (m_anchorer && (stats->sent > 0 || stats->failed > 0)) runAuditAnchor();
}

void PortalWorker::runLookup(const std::string& code, const LookupDone& done) {
    auto found = m_client.lookup(code);
    if (!found) {
        noteAttempt(&found.error());
        if (done) done(found.error());
        return;
    }
    noteAttempt(nullptr);
    SyncSummary files;
    for (const auto& declaration : *found) {
        auto stored = m_declarations.upsert(declaration);
        if (!stored) {
            if (done) done(stored.error());
            return;
        }
        // A failed download leaves the declaration usable; the next sync fetches the file.
        if (auto ok = m_sync.fetchFilesOf(declaration, files); !ok) {
            if (done) done(ok.error());
            return;
        }
    }
    if (files.firstError) bhxh::log::warn("portal lookup: a file was not fetched: " + files.firstError->describe());
    if (done) done(std::move(found).value());
}

void PortalWorker::claimHeld() {
    if (!m_held) return;
    const auto ttl = std::chrono::seconds(std::max(2, m_options.claimTtlS));
    auto lease = m_client.claim(m_held->dossierNo, m_held->officerId, static_cast<int>(ttl.count()));
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
        auto released = m_client.release(m_held->dossierNo, m_held->leaseId);
        // A lease that cannot be released runs out by itself at the portal.
        if (!released) bhxh::log::warn("portal release of " + m_held->dossierNo + ": " + released.error().describe());
    }
    m_held.reset();
}

// --- Audit anchoring (docs/portal-api-audit-anchor.md) ---

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

void PortalWorker::noteAttempt(const Error* error) {
    if (error && isTransientPortalError(error->code)) {
        m_status.online = false;
    } else {
        m_status.online = true;
    }
    m_status.lastError = error ? error->describe() : std::string();
    reportStatus();
}

void PortalWorker::reportStatus() {
    if (m_callbacks.onStatus) m_callbacks.onStatus(m_status);
}

void PortalWorker::reportHold(const HoldStatus& status) {
    if (m_callbacks.onHold) m_callbacks.onHold(status);
}

} // namespace bhxh::declarations
