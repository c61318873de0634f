#include "notify/notification.h"

namespace bhxh::notify {

const char* kindName(NotificationKind kind) {
    switch (kind) {
    case NotificationKind::Approval: return "approval";
    case NotificationKind::Rejection: return "rejection";
    case NotificationKind::Adjustment: return "adjustment";
    case NotificationKind::Stop: return "stop";
    }
    return "approval";
}

bool parseKind(const std::string& name, NotificationKind& out) {
    for (auto k : {NotificationKind::Approval, NotificationKind::Rejection, NotificationKind::Adjustment,
                   NotificationKind::Stop}) {
        if (name == kindName(k)) {
            out = k;
            return true;
        }
    }
    return false;
}

const char* channelName(Channel channel) { return channel == Channel::Sms ? "sms" : "email"; }

bool parseChannel(const std::string& name, Channel& out) {
    if (name == "sms") { out = Channel::Sms; return true; }
    if (name == "email") { out = Channel::Email; return true; }
    return false;
}

} // namespace bhxh::notify
