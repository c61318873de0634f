#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bhxh::notify {

/// Where a piece of outgoing work goes.
enum class OutboxChannel { PortalDecision, Sms, Email };

/// The life of an outbox row. Only Queued rows are picked up; Failed and Unknown wait for a
/// supervisor (retry or cancel); Sent and Cancelled are final.
enum class OutboxState {
    Queued,     ///< waiting for its next attempt
    Sending,    ///< claimed by a live process; goes back to Queued if that process dies
    Sent,       ///< the receiver accepted it
    Unknown,    ///< the receiver may or may not have it (timeout with no idempotency): a person decides
    Failed,     ///< refused for good, or out of attempts: a person decides
    Cancelled,  ///< a supervisor dropped it
};

/// One piece of outgoing work, made durable before anything leaves the machine.
struct OutboxItem {
    std::int64_t id = 0;  ///< 0 until stored
    /// Idempotency key, unique: made when the clerk decides (a UUID for the portal decision, the
    /// same key + ":sms" / ":email" for the messages), sent with every attempt.
    std::string key;
    OutboxChannel channel = OutboxChannel::PortalDecision;
    std::string dossierNo;
    std::string recipient;  ///< phone or e-mail address; empty for the portal
    std::string payload;    ///< what to send (JSON); never holds a secret
    /// A secret the message carries (the initial password); erased with secure_delete as soon as
    /// the row is sent, failed or cancelled.
    std::string secret;
    OutboxState state = OutboxState::Queued;
    int attempts = 0;     ///< attempts started so far
    int maxAttempts = 8;  ///< after this many failed attempts the row is Failed
    std::chrono::system_clock::time_point nextAttemptAt{};
    std::chrono::system_clock::time_point createdAt{};
    std::chrono::system_clock::time_point updatedAt{};
    std::string lastError;  ///< the last failure, for the supervisor's view
    std::string result;     ///< what the receiver answered (message id, status); no secret
};

/// Stable lower-case names, used in the database and on the command line.
constexpr std::string_view toString(OutboxChannel c) {
    switch (c) {
    case OutboxChannel::PortalDecision: return "portal_decision";
    case OutboxChannel::Sms: return "sms";
    case OutboxChannel::Email: return "email";
    }
    return "portal_decision";
}

constexpr std::string_view toString(OutboxState s) {
    switch (s) {
    case OutboxState::Queued: return "queued";
    case OutboxState::Sending: return "sending";
    case OutboxState::Sent: return "sent";
    case OutboxState::Unknown: return "unknown";
    case OutboxState::Failed: return "failed";
    case OutboxState::Cancelled: return "cancelled";
    }
    return "queued";
}

/// The channel named `name`, or nullopt for a name not in toString(OutboxChannel).
constexpr std::optional<OutboxChannel> parseOutboxChannel(std::string_view name) {
    for (auto c : {OutboxChannel::PortalDecision, OutboxChannel::Sms, OutboxChannel::Email}) {
        if (toString(c) == name) return c;
    }
    return std::nullopt;
}

/// The state named `name`, or nullopt for a name not in toString(OutboxState).
constexpr std::optional<OutboxState> parseOutboxState(std::string_view name) {
    for (auto s : {OutboxState::Queued, OutboxState::Sending, OutboxState::Sent, OutboxState::Unknown,
                   OutboxState::Failed, OutboxState::Cancelled}) {
        if (toString(s) == name) return s;
    }
    return std::nullopt;
}

} // namespace bhxh::notify
