#pragma once
#include "net/curl_runner.h"
#include "notify/message_sender.h"
#include "notify/mime_message.h"

#include <filesystem>
#include <functional>
#include <string>

namespace bhxh::notify {

/// E-mail over SMTP with libcurl. smtps:// is implicit TLS; smtp:// requires STARTTLS except
/// to a loopback host. Certificates are always verified (CA bundle configurable).
/// Outcomes: connection refused / 4xx reply / dropped connection → retry; 5xx reply, login
/// refused → failed with the server's reply code. The Message-ID is derived from the outbox key,
/// so a message resent after a lost reply is recognisably the same one.
class SmtpEmailSender final : public MessageSender {
public:
    struct Options {
        std::string url;        ///< smtps://mail.example.vn:465 or smtp://mail.example.vn:587
        std::string username;   ///< empty → no AUTH
        std::string password;
        mime::Sender sender;
        std::filesystem::path caBundle;
        long connectTimeoutMs = 5000;
        long timeoutMs = 30000;
    };

    explicit SmtpEmailSender(Options options);

    DeliveryResult send(const OutgoingMessage& message) override;
    [[nodiscard]] std::string name() const override { return "smtp"; }

    /// Replaces the clock used for the Date header (tests).
    void setClock(std::function<std::time_t()> clock) { m_clock = std::move(clock); }

    void setStop(std::stop_token stop) override { m_stop = std::move(stop); }

private:
    Options m_options;
    std::stop_token m_stop;
    mutable net::CurlRunner m_runner;
    std::function<std::time_t()> m_clock;
};

} // namespace bhxh::notify
