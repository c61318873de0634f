#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "notify/outbox_item.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::notify {

/// The durable outbox. A delivery worker claims a due row, delivers it with the row's key as the
/// idempotency key, then marks it; every step is one transaction. Implemented by the store.
class OutboxRepository {
public:
    using TimePoint = std::chrono::system_clock::time_point;
    virtual ~OutboxRepository() = default;

    /// Stores new work (state Queued, due at nextAttemptAt or now). A key already stored is an
    /// error: the same work is never queued twice.
    virtual Result<std::int64_t> enqueue(const OutboxItem& item) = 0;
    /// Takes the oldest due Queued row (of `channel` when given): Sending, attempts + 1, owned by
    /// this process. nullopt when nothing is due.
    virtual Result<std::optional<OutboxItem>> claimNext(TimePoint now, std::optional<OutboxChannel> channel) = 0;
    /// Takes the row with this key and channel when it is Queued, due or not (the decision the clerk has just
    /// taken goes out at once, ahead of the backlog): Sending, attempts + 1, owned by this process.
    /// nullopt when there is no such row or another worker has it.
    virtual Result<std::optional<OutboxItem>> claimKey(const std::string& key, OutboxChannel channel, TimePoint now) = 0;
    /// Delivered: Sent, `result` kept, the secret erased; `followUps` (e.g. the SMS and e-mail
    /// that the portal's answer calls for) are queued in the same transaction.
    virtual Result<void> markSent(std::int64_t id, const std::string& result,
                                  const std::vector<OutboxItem>& followUps) = 0;
    /// A failure worth retrying: back to Queued after the backoff, or Failed (secret erased) when
    /// the row has used all its attempts. Returns the new state.
    virtual Result<OutboxState> markRetry(std::int64_t id, const std::string& error, TimePoint now) = 0;
    /// Refused for good (a 4xx, a bad address): Failed, secret erased.
    virtual Result<void> markFailed(std::int64_t id, const std::string& error) = 0;
    /// Maybe delivered, maybe not, and the receiver cannot tell duplicates apart: Unknown; the
    /// secret stays (a supervisor may send it again) until the row is retried and sent, or cancelled.
    virtual Result<void> markUnknown(std::int64_t id, const std::string& error) = 0;
    /// A supervisor sends a Failed or Unknown row again (attempts start over); audited in the
    /// same transaction.
    virtual Result<void> retry(std::int64_t id, const AuditEvent& audit) = 0;
    /// A supervisor drops a row that is not Sent; audited in the same transaction.
    virtual Result<void> cancel(std::int64_t id, const AuditEvent& audit) = 0;
    /// At start: rows left Sending by a process that no longer runs go back to Queued, due now.
    /// Their attempt may or may not have reached the receiver (the idempotency key covers it) and
    /// is not counted: a crash is not the receiver's failure. Returns how many were requeued.
    virtual Result<std::size_t> requeueAbandoned(TimePoint now) = 0;

    virtual Result<std::optional<OutboxItem>> find(std::int64_t id) = 0;
    virtual Result<std::optional<OutboxItem>> findByKey(const std::string& key) = 0;
    /// Newest first; all states when `state` is nullopt.
    virtual Result<std::vector<OutboxItem>> list(std::optional<OutboxState> state, std::size_t limit) = 0;
};

} // namespace bhxh::notify
