#pragma once
#include "common/result.h"
#include "notify/message_sender.h"

#include <filesystem>
#include <memory>
#include <string>

namespace bhxh::notify {

/// [sms] as the app reads it (see deploy/config.example.toml).
struct SmsDriverConfig {
    std::string driver = "spool";             ///< spool | http
    std::string profile = "generic";          ///< assets/sms-profiles/<profile>.json
    std::string url;                          ///< overrides the profile's url
    std::string sender = "BHXH";              ///< brandname
    std::filesystem::path spoolDir;           ///< for driver = spool
    std::filesystem::path secretsFile;        ///< 0600 NAME=value file; env BHXH_SMS_<NAME> wins
    std::filesystem::path caBundle;
    int timeoutSeconds = 15;
    std::string proxy;                        ///< [sms] proxy; empty = none (never the environment's)
};

/// [email] as the app reads it.
struct EmailDriverConfig {
    std::string driver = "spool";             ///< spool | smtp
    std::string url;                          ///< smtps://host:465 or smtp://host:587 (STARTTLS)
    std::string fromAddress = "no-reply@bhxh.local";
    std::string fromName = "BHXH";
    std::string username;
    std::filesystem::path secretsFile;        ///< 0600 file with password=...; env BHXH_SMTP_PASSWORD wins
    std::filesystem::path spoolDir;
    std::filesystem::path caBundle;
    int timeoutSeconds = 30;
};

/// The SMS driver the configuration names; profiles are read from `profilesDir`.
Result<std::unique_ptr<MessageSender>> makeSmsSender(const SmsDriverConfig& config, const std::filesystem::path& profilesDir);
/// The e-mail driver the configuration names.
Result<std::unique_ptr<MessageSender>> makeEmailSender(const EmailDriverConfig& config);

} // namespace bhxh::notify
