#pragma once
#include <string>

namespace bhxh::notify {

/// What a driver learned from one attempt.
enum class DeliveryOutcome {
    Sent,     ///< accepted by the gateway/server (or it says it already had it)
    Retry,    ///< refused before processing (429, 5xx on an idempotent gateway, connection refused)
    Failed,   ///< final refusal (4xx, provider error): `detail` carries the gateway's reason
    Unknown,  ///< maybe sent: a non-idempotent gateway timed out or answered unclearly
};

/// "sent" | "retry" | "failed" | "unknown".
[[nodiscard]] const char* outcomeName(DeliveryOutcome outcome);

/// The outcome of one attempt, with the provider's message id or the reason. Never carries the
/// message text or the recipient.
struct DeliveryResult {
    DeliveryOutcome outcome = DeliveryOutcome::Failed;
    std::string detail;       ///< reason for a person ("eSMS 108: phone format")
    std::string providerId;   ///< the gateway's id for the message, when given

    static DeliveryResult sent(std::string id, std::string detail = {}) {
        return {DeliveryOutcome::Sent, std::move(detail), std::move(id)};
    }
    static DeliveryResult retry(std::string detail) { return {DeliveryOutcome::Retry, std::move(detail), {}}; }
    static DeliveryResult failed(std::string detail) { return {DeliveryOutcome::Failed, std::move(detail), {}}; }
    static DeliveryResult unknown(std::string detail) { return {DeliveryOutcome::Unknown, std::move(detail), {}}; }
};

} // namespace bhxh::notify
