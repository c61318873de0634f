#include "notify/notification_planner.h"

#include "common/bounded_json.h"

namespace bhxh::notify {

Result<std::vector<OutboxItem>> NotificationPlanner::plan(const std::string& baseKey, const std::string& dossierNo,
                                                          const Notification& notification,
                                                          const std::vector<Recipient>& recipients, int maxAttempts) {
    if (baseKey.empty()) return makeError("notify.plan", "the base idempotency key is empty");
    auto vars = notification.vars;
    std::string secret;
    if (auto it = vars.find("initial_password"); it != vars.end()) {
        secret = it->second;
        vars.erase(it);
    }
    std::vector<OutboxItem> items;
    for (const auto& r : recipients) {
        if (r.address.empty()) continue;
        OutboxItem item;
        item.key = baseKey + ":" + channelName(r.channel) + (r.tag.empty() ? "" : ":" + r.tag);
        item.channel = r.channel == Channel::Sms ? OutboxChannel::Sms : OutboxChannel::Email;
        item.dossierNo = dossierNo;
        item.recipient = r.address;
        nlohmann::json payload{{"kind", kindName(notification.kind)},
                               {"language", notification.language},
                               {"to_name", r.name},
                               {"vars", vars}};
        item.payload = payload.dump();
        item.secret = secret;
        item.maxAttempts = maxAttempts;
        items.push_back(std::move(item));
    }
    if (items.empty()) return makeError("notify.plan", "no recipient has an address");
    return items;
}

std::vector<Recipient> NotificationPlanner::adjustmentRecipients(const std::string& oldPhone, const std::string& newPhone,
                                                                 const std::string& oldEmail, const std::string& newEmail,
                                                                 const std::string& name) {
    std::vector<Recipient> out;
    auto both = [&](Channel c, const std::string& oldA, const std::string& newA) {
        if (!oldA.empty()) out.push_back({c, oldA, name, "old"});
        if (!newA.empty() && newA != oldA) out.push_back({c, newA, name, "new"});
    };
    both(Channel::Sms, oldPhone, newPhone);
    both(Channel::Email, oldEmail, newEmail);
    return out;
}

Result<Notification> NotificationPlanner::fromPayload(const std::string& payload, const std::string& secret,
                                                      std::string& toName) {
    const auto read =
        bhxh::json::parseBounded(payload, {.maxBytes = 256u * 1024u, .maxDepth = 16}, "outbox payload", "notify.payload");
    if (!read) return read.error();
    const auto& j = *read;
    if (!j.is_object()) return makeError("notify.payload", "outbox payload is not a JSON object");
    Notification n;
    try {
        if (!parseKind(j.at("kind").get<std::string>(), n.kind))
            return makeError("notify.payload", "unknown notification kind in payload");
        n.language = j.value("language", "vi");
        toName = j.value("to_name", "");
        for (const auto& [k, v] : j.at("vars").items()) n.vars[k] = v.get<std::string>();
    } catch (const nlohmann::json::exception& e) {
        return makeError("notify.payload", std::string("bad outbox payload: ") + e.what());
    }
    if (!secret.empty()) n.vars["initial_password"] = secret;
    return n;
}

} // namespace bhxh::notify
