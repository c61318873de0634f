#pragma once
#include <map>
#include <string>

namespace bhxh::notify {

/// What happened to the citizen's dossier; selects the template.
enum class NotificationKind { Approval, Rejection, Adjustment, Stop };

/// How a message travels.
enum class Channel { Sms, Email };

/// "approval" | "rejection" | "adjustment" | "stop".
[[nodiscard]] const char* kindName(NotificationKind kind);
/// The inverse of kindName; false when the name is unknown.
bool parseKind(const std::string& name, NotificationKind& out);
/// "sms" | "email".
[[nodiscard]] const char* channelName(Channel channel);
bool parseChannel(const std::string& name, Channel& out);

/// One event to tell a citizen about, with the values the templates use. Variables are named
/// as in the templates: full_name, bhxh_code, username, initial_password, dossier_no,
/// office_name, reason_code, reason_text, from_date, new_contact, ...
struct Notification {
    NotificationKind kind = NotificationKind::Approval;
    std::string language = "vi";
    std::map<std::string, std::string> vars;
};

/// One message ready for a driver. `key` is the outbox idempotency key: the provider's
/// reference, the Idempotency-Key header and the seed of the e-mail Message-ID.
struct OutgoingMessage {
    Channel channel = Channel::Sms;
    std::string key;
    std::string to;          ///< phone (0xxxxxxxxx) or e-mail address
    std::string toName;      ///< display name for e-mail, may be empty
    std::string subject;     ///< e-mail only
    std::string text;        ///< SMS text (unaccented, GSM-7) or the e-mail plain-text part
    std::string html;        ///< e-mail HTML part
};

} // namespace bhxh::notify
