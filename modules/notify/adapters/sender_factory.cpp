#include "notify/adapters/sender_factory.h"

#include "notify/adapters/http_sms_sender.h"
#include "notify/adapters/smtp_email_sender.h"
#include "notify/secrets.h"
#include "notify/spool_sender.h"

namespace bhxh::notify {

Result<std::unique_ptr<MessageSender>> makeSmsSender(const SmsDriverConfig& config, const std::filesystem::path& profilesDir) {
    if (config.driver == "spool") {
        if (config.spoolDir.empty()) return makeError("config.bad_value", "sms.spool_dir is empty");
        return std::unique_ptr<MessageSender>(std::make_unique<SpoolSender>(config.spoolDir, Channel::Sms));
    }
    if (config.driver != "http") return makeError("config.bad_value", "sms.driver must be spool or http");
    auto profile = SmsProfile::loadFile(profilesDir / (config.profile + ".json"));
    if (!profile) return profile.error();
    auto secrets = Secrets::load(config.secretsFile, "BHXH_SMS_");
    if (!secrets) return secrets.error();
    HttpSmsSender::Options o;
    o.url = config.url;
    o.sender = config.sender;
    o.secrets = std::move(secrets.value());
    o.caBundle = config.caBundle;
    o.timeoutMs = config.timeoutSeconds * 1000L;
    o.proxy = config.proxy;
    return std::unique_ptr<MessageSender>(std::make_unique<HttpSmsSender>(std::move(profile.value()), std::move(o)));
}

Result<std::unique_ptr<MessageSender>> makeEmailSender(const EmailDriverConfig& config) {
    mime::Sender sender{config.fromAddress, config.fromName};
    if (config.driver == "spool") {
        if (config.spoolDir.empty()) return makeError("config.bad_value", "email.spool_dir is empty");
        return std::unique_ptr<MessageSender>(std::make_unique<SpoolSender>(config.spoolDir, Channel::Email, sender));
    }
    if (config.driver != "smtp") return makeError("config.bad_value", "email.driver must be spool or smtp");
    auto secrets = Secrets::load(config.secretsFile, "BHXH_SMTP_");
    if (!secrets) return secrets.error();
    SmtpEmailSender::Options o;
    o.url = config.url;
    o.username = config.username;
    o.password = secrets->count("password") ? secrets->at("password") : std::string{};
    if (!o.username.empty() && o.password.empty())
        return makeError("config.missing_secret", "email.username is set but no password (BHXH_SMTP_PASSWORD or email.secrets_file)");
    o.sender = sender;
    o.caBundle = config.caBundle;
    o.timeoutMs = config.timeoutSeconds * 1000L;
    return std::unique_ptr<MessageSender>(std::make_unique<SmtpEmailSender>(std::move(o)));
}

} // namespace bhxh::notify
