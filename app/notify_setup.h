#pragma once
#include "app/app_config.h"
#include "notify/adapters/sender_factory.h"

namespace bhxh::app {

/// The [sms] and [email] sections as the notify drivers take them (console and `outbox drain`).
class NotifySetup {
public:
    [[nodiscard]] static notify::SmsDriverConfig sms(const AppConfig& config);
    [[nodiscard]] static notify::EmailDriverConfig email(const AppConfig& config);
};

} // namespace bhxh::app
