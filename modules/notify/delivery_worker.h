#pragma once
#include "common/result.h"
#include "notify/message_sender.h"
#include "notify/outbox_repository.h"
#include "notify/template_renderer.h"

#include <chrono>
#include <functional>
#include <stop_token>

namespace bhxh::notify {

/// Counts of one drain, for the command line and the UI.
struct DrainStats {
    std::size_t sent = 0;
    std::size_t retried = 0;
    std::size_t failed = 0;
    std::size_t unknown = 0;
    [[nodiscard]] std::size_t attempts() const { return sent + retried + failed + unknown; }
};

/// Delivers the outbox's SMS and e-mail rows: claim → render → send → mark, one row at a time,
/// on the thread that owns `outbox` (its SQLite connection). Backoff and max attempts are the
/// store's (markRetry); a driver's Unknown leaves the row for a supervisor. Never logs the
/// text, the recipient or the password.
class DeliveryWorker {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    DeliveryWorker(OutboxRepository& outbox, const TemplateRenderer& renderer, MessageSender& sms,
                   MessageSender& email);

    /// Delivers every row due now (or until `stop`), then returns.
    Result<DrainStats> drainDue(std::stop_token stop = {});
    /// drainDue every `interval` until stop is requested (the body of a common/worker.h Worker).
    void run(std::stop_token stop, std::chrono::milliseconds interval);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    /// Called after a row's secret was erased (sent or finally failed), e.g. to checkpoint and
    /// truncate the SQLite WAL so that no old copy of the password stays on disk.
    void setOnSecretErased(std::function<void()> hook) { m_onSecretErased = std::move(hook); }

private:
    /// A send that `stop` interrupted is not marked: the row stays Sending and the next start
    /// queues it again (requeueAbandoned), as after a crash; the row's key covers a duplicate.
    Result<DeliveryOutcome> deliver(const OutboxItem& item, std::stop_token stop = {});

    OutboxRepository& m_outbox;
    const TemplateRenderer& m_renderer;
    MessageSender& m_sms;
    MessageSender& m_email;
    Clock m_clock;
    std::function<void()> m_onSecretErased;
};

} // namespace bhxh::notify
