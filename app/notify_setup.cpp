#include "app/notify_setup.h"

namespace bhxh::app {

notify::SmsDriverConfig NotifySetup::sms(const AppConfig& c) {
    return {c.sms.driver,  c.sms.profile,     c.sms.url,      c.sms.sender,
            c.sms.spoolDir, c.sms.secretsFile, c.sms.caBundle, c.sms.timeoutSeconds, c.sms.proxy};
}

notify::EmailDriverConfig NotifySetup::email(const AppConfig& c) {
    return {c.email.driver,      c.email.url,      c.email.fromAddress, c.email.fromName,      c.email.username,
            c.email.secretsFile, c.email.spoolDir, c.email.caBundle,    c.email.timeoutSeconds};
}

} // namespace bhxh::app
