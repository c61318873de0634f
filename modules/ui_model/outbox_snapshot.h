#pragma once
#include "notify/outbox_item.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bhxh::ui {

/// One outbox row as the supervisor sees it: never the text, the secret or a clear recipient.
struct OutboxRowView {
    std::int64_t id = 0;
    std::string channel;  ///< portal_decision | sms | email
    notify::OutboxState state = notify::OutboxState::Queued;
    std::string dossierNo;
    std::string recipientMasked;
    int attempts = 0;
    int maxAttempts = 0;
    std::string updated;  ///< local "dd/mm/yyyy HH:MM:SS"
    std::string lastError;
};

/// The outbox as last read, newest first.
struct OutboxSnapshot {
    std::vector<OutboxRowView> rows;
    std::string errorKey;
    std::string actionMessage;  ///< result of the last retry/cancel (already translated)
};

} // namespace bhxh::ui
