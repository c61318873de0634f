#include "notify/adapters/smtp_email_sender.h"

#include "net/curl_url.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>

namespace bhxh::notify {
namespace {

struct Upload {
    const std::string* data;
    std::size_t offset = 0;
};

std::size_t readChunk(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* up = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, up->data->size() - up->offset);
    std::memcpy(buffer, up->data->data() + up->offset, n);
    up->offset += n;
    return n;
}

} // namespace

SmtpEmailSender::SmtpEmailSender(Options options) : m_options(std::move(options)), m_clock([] { return std::time(nullptr); }) {
    net::globalInit();
}

DeliveryResult SmtpEmailSender::send(const OutgoingMessage& message) {
    const auto parts = net::parseUrl(m_options.url);
    const std::string scheme = parts ? parts->scheme : std::string();
    const bool loopback = parts && net::isLoopbackHost(parts->host);
    if (scheme != "smtps" && scheme != "smtp")
        return DeliveryResult::failed("smtp: url must start with smtps:// or smtp://");
    if (message.to.empty() || message.to.find_first_of("\r\n<> ") != std::string::npos ||
        message.to.find('@') == std::string::npos)
        return DeliveryResult::failed("smtp: recipient is not an e-mail address");

    const std::string mail = mime::build(message, m_options.sender, m_clock());
    Upload upload{&mail};

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return DeliveryResult::retry("smtp: curl_easy_init failed");
    CURL* h = curl.get();
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + message.to + ">").c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcptGuard(rcpt, curl_slist_free_all);

    curl_easy_setopt(h, CURLOPT_URL, m_options.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    net::applyProxy(h, m_options.url, {});  // mail never goes through a proxy
    // STARTTLS is required unless the server is on this machine (the demo and the tests).
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(scheme == "smtps" || !loopback ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!m_options.caBundle.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, m_options.caBundle.c_str());
    if (!m_options.username.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, m_options.username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, m_options.password.c_str());
    }
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, m_options.connectTimeoutMs);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, m_options.timeoutMs);
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, ("<" + m_options.sender.address + ">").c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, readChunk);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mail.size()));

    const CURLcode rc = m_runner.perform(h, m_stop);
    long reply = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
    const std::string detail = std::string("smtp: ") + curl_easy_strerror(rc) + (reply ? " (reply " + std::to_string(reply) + ")" : "");
    if (rc == CURLE_OK) return DeliveryResult::sent(mime::messageIdFor(message.key, m_options.sender.address));
    // The server's last reply decides first: curl reports a refused RCPT as a send error.
    if (reply >= 500 && reply < 600) return DeliveryResult::failed(detail);
    if (reply >= 400 && reply < 500) return DeliveryResult::retry(detail);
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
        return DeliveryResult::retry(detail);
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return DeliveryResult::failed(detail);
    default:
        break;
    }
    return DeliveryResult::retry(detail);
}

} // namespace bhxh::notify
