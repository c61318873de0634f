#pragma once
#include "notify/delivery_result.h"
#include "notify/notification.h"

#include <stop_token>

namespace bhxh::notify {

/// A driver: hands one message to a gateway, a server or a spool folder. Implementations are
/// safe to call from one worker thread at a time and never log the text or the recipient.
class MessageSender {
public:
    virtual ~MessageSender() = default;
    /// One attempt. Must not throw.
    virtual DeliveryResult send(const OutgoingMessage& message) = 0;
    /// A transfer under way ends at once when `stop` is requested (the desk is closing); its
    /// result then says nothing reliable, and the caller leaves the row for the next start.
    virtual void setStop(std::stop_token stop) { (void)stop; }
    /// Short name for logs and the UI ("spool", "http:esms", "smtp").
    [[nodiscard]] virtual std::string name() const = 0;
};

} // namespace bhxh::notify
