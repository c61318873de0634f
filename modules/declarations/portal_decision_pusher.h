#pragma once
#include "common/result.h"
#include "declarations/decision_repository.h"
#include "declarations/portal_client.h"
#include "notify/delivery_worker.h"
#include "notify/outbox_repository.h"

#include <chrono>
#include <functional>
#include <stop_token>

namespace bhxh::declarations {

/// Sends the outbox's portal decisions: claim a due PortalDecision row → PortalClient::decide
/// with the row's key as Idempotency-Key → mark. On success the row is Sent and the messages the
/// answer calls for (DecisionPayload::followUps) are queued in the same transaction; the initial
/// password goes only into those rows' secret, never into a log, a payload or a result. Transient
/// errors (portal_errors.h) go back to the queue with the store's backoff. A final refusal (409
/// lease held by another desk, 410, 422, …) fails the row, moves the decision to the refused
/// decisions and turns the dossier back to pending, in one transaction
/// (DecisionRepository::refuse), audited; nothing is ever planned for the citizen then. Runs on
/// the thread that owns the outbox's connection and the client.
class PortalDecisionPusher {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    /// `clock` defaults to the system clock.
    PortalDecisionPusher(notify::OutboxRepository& outbox, DecisionRepository& decisions, PortalClient& client,
                         Clock clock = {});

    /// Pushes every portal decision due now (or until `stop`). `sent` counts decisions the portal
    /// accepted; `unknown` stays 0. A local store failure stops the run and is returned.
    Result<notify::DrainStats> pushDue(std::stop_token stop = {});
    /// Pushes the decision whose outbox row has this key, due or not, when it is still queued
    /// (the one the clerk has just taken); nothing when another worker has it or it is done.
    Result<notify::DrainStats> pushKey(const std::string& key);

    /// Max attempts of the follow-up SMS and e-mail rows.
    void setFollowUpMaxAttempts(int attempts) { m_followUpMaxAttempts = attempts; }

private:
    Result<void> pushOne(const notify::OutboxItem& row, notify::DrainStats& stats);

    notify::OutboxRepository& m_outbox;
    DecisionRepository& m_decisions;
    PortalClient& m_client;
    Clock m_clock;
    int m_followUpMaxAttempts = 8;
};

} // namespace bhxh::declarations
