#include "notify/delivery_worker.h"

#include "common/log.h"
#include "notify/notification_planner.h"

#include <condition_variable>
#include <mutex>

namespace bhxh::notify {

DeliveryWorker::DeliveryWorker(OutboxRepository& outbox, const TemplateRenderer& renderer, MessageSender& sms,
                               MessageSender& email)
    : m_outbox(outbox), m_renderer(renderer), m_sms(sms), m_email(email),
      m_clock([] { return std::chrono::system_clock::now(); }) {}

Result<DeliveryOutcome> DeliveryWorker::deliver(const OutboxItem& item, std::stop_token stop) {
    const bool sms = item.channel == OutboxChannel::Sms;
    const std::string row = "outbox " + std::to_string(item.id) + " (" + std::string(toString(item.channel)) + ")";
    const bool hadSecret = !item.secret.empty();

    std::string toName;
    auto notification = NotificationPlanner::fromPayload(item.payload, item.secret, toName);
    Result<RenderedMessage> rendered = notification ? m_renderer.render(notification.value(), sms ? Channel::Sms : Channel::Email)
                                                    : Result<RenderedMessage>(notification.error());
    DeliveryResult result;
    if (!rendered) {
        // A payload that cannot be rendered will not render better later: final, for a supervisor.
        result = DeliveryResult::failed(rendered.error().describe());
    } else {
        OutgoingMessage message;
        message.channel = sms ? Channel::Sms : Channel::Email;
        message.key = item.key;
        message.to = item.recipient;
        message.toName = toName;
        message.subject = rendered->subject;
        message.text = rendered->text;
        message.html = rendered->html;
        result = (sms ? m_sms : m_email).send(message);
        if (stop.stop_requested() && result.outcome != DeliveryOutcome::Sent) {
            log::info(row + " interrupted: the desk is stopping; sent again at the next start");
            return DeliveryOutcome::Retry;
        }
    }

    bool secretErased = false;
    switch (result.outcome) {
    case DeliveryOutcome::Sent: {
        auto ok = m_outbox.markSent(item.id, result.providerId.empty() ? result.detail : result.providerId, {});
        if (!ok) return ok.error();
        secretErased = hadSecret;
        log::info(row + " sent");
        break;
    }
    case DeliveryOutcome::Retry: {
        auto state = m_outbox.markRetry(item.id, result.detail, m_clock());
        if (!state) return state.error();
        secretErased = hadSecret && state.value() == OutboxState::Failed;
        log::warn(row + " attempt " + std::to_string(item.attempts) + " failed, " +
                  std::string(toString(state.value())) + ": " + result.detail);
        break;
    }
    case DeliveryOutcome::Failed: {
        auto ok = m_outbox.markFailed(item.id, result.detail);
        if (!ok) return ok.error();
        secretErased = hadSecret;
        log::warn(row + " failed: " + result.detail);
        break;
    }
    case DeliveryOutcome::Unknown: {
        auto ok = m_outbox.markUnknown(item.id, result.detail);
        if (!ok) return ok.error();
        log::warn(row + " unknown, a supervisor decides: " + result.detail);
        break;
    }
    }
    if (secretErased && m_onSecretErased) m_onSecretErased();
    return result.outcome;
}

Result<DrainStats> DeliveryWorker::drainDue(std::stop_token stop) {
    DrainStats stats;
    m_sms.setStop(stop);
    m_email.setStop(stop);
    for (const auto channel : {OutboxChannel::Sms, OutboxChannel::Email}) {
        while (!stop.stop_requested()) {
            auto claimed = m_outbox.claimNext(m_clock(), channel);
            if (!claimed) return claimed.error();
            if (!claimed.value()) break;
            auto outcome = deliver(**claimed, stop);
            if (!outcome) return outcome.error();
            switch (outcome.value()) {
            case DeliveryOutcome::Sent: ++stats.sent; break;
            case DeliveryOutcome::Retry: ++stats.retried; break;
            case DeliveryOutcome::Failed: ++stats.failed; break;
            case DeliveryOutcome::Unknown: ++stats.unknown; break;
            }
        }
    }
    return stats;
}

void DeliveryWorker::run(std::stop_token stop, std::chrono::milliseconds interval) {
    std::mutex mutex;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
        if (auto stats = drainDue(stop); !stats) log::error("outbox delivery: " + stats.error().describe());
        std::unique_lock lock(mutex);
        wake.wait_for(lock, stop, interval, [] { return false; });
    }
}

} // namespace bhxh::notify
