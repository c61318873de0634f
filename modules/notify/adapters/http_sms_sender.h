#pragma once
#include "net/curl_runner.h"
#include "notify/message_sender.h"
#include "notify/sms_profile.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

namespace bhxh::notify {

/// The one HTTP SMS driver: a provider profile (data) says what to send and how to read the
/// answer; this class only performs the request with libcurl. TLS peer and host verification
/// are always on; plain http is refused unless the host is loopback; redirects are not followed.
class HttpSmsSender final : public MessageSender {
public:
    struct Options {
        std::string url;                         ///< replaces the profile's url when not empty
        std::string sender;                      ///< brandname
        std::map<std::string, std::string> secrets;  ///< fills {name} in the profile
        std::filesystem::path caBundle;          ///< empty → the system's CA store
        long connectTimeoutMs = 5000;
        long timeoutMs = 15000;
        std::string proxy;                       ///< empty → no proxy (the environment's is never used)
    };

    HttpSmsSender(SmsProfile profile, Options options);

    DeliveryResult send(const OutgoingMessage& message) override;
    [[nodiscard]] std::string name() const override { return "http:" + m_profile.name(); }

    /// Performs one request (exposed for tests and the SMTP-free health check).
    [[nodiscard]] HttpResponse perform(const HttpRequest& request) const;

    void setStop(std::stop_token stop) override { m_stop = std::move(stop); }

private:
    SmsProfile m_profile;
    Options m_options;
    std::stop_token m_stop;
    mutable net::CurlRunner m_runner;
    std::chrono::steady_clock::time_point m_lastRequest{};
};

} // namespace bhxh::notify
