#pragma once
#include "common/result.h"
#include "notify/notification.h"
#include "notify/outbox_item.h"

#include <string>
#include <vector>

namespace bhxh::notify {

/// One address a notification goes to. `tag` tells apart two messages of one channel
/// ("old" / "new" for an adjustment) and becomes part of the outbox key.
struct Recipient {
    Channel channel = Channel::Sms;
    std::string address;
    std::string name;  ///< e-mail display name
    std::string tag;
};

/// Turns a notification into outbox rows, one per recipient, with keys
/// "<baseKey>:sms", "<baseKey>:email", "<baseKey>:sms:old", ... The payload (JSON: kind,
/// language, to_name, vars) never holds the initial password: `vars["initial_password"]` moves
/// to the row's `secret`, which the store erases once the row is delivered or finally failed.
class NotificationPlanner {
public:
    static Result<std::vector<OutboxItem>> plan(const std::string& baseKey, const std::string& dossierNo,
                                                const Notification& notification,
                                                const std::vector<Recipient>& recipients, int maxAttempts = 8);
    /// Recipients for an adjustment: the old and the new phone/e-mail (empty ones skipped,
    /// an unchanged one only once).
    static std::vector<Recipient> adjustmentRecipients(const std::string& oldPhone, const std::string& newPhone,
                                                       const std::string& oldEmail, const std::string& newEmail,
                                                       const std::string& name);

    /// The notification stored in a payload, with the row's secret put back as initial_password.
    static Result<Notification> fromPayload(const std::string& payload, const std::string& secret,
                                            std::string& toName);
};

} // namespace bhxh::notify
