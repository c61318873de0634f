#include "notify/adapters/http_sms_sender.h"

#include "net/curl_url.h"

#include <curl/curl.h>

#include <memory>
#include <thread>

namespace bhxh::notify {
namespace {

// A gateway's answer is a short status; more than this is cut off (a transport error).
constexpr std::size_t kMaxAnswerBytes = 1024u * 1024u;

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    const std::size_t n = size * count;
    if (n > kMaxAnswerBytes || body->size() > kMaxAnswerBytes - n) return 0;
    body->append(data, n);
    return n;
}

} // namespace

HttpSmsSender::HttpSmsSender(SmsProfile profile, Options options)
    : m_profile(std::move(profile)), m_options(std::move(options)) {
    net::globalInit();
}

HttpResponse HttpSmsSender::perform(const HttpRequest& request) const {
    HttpResponse out;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        out.transport = HttpResponse::Transport::ConnectFailed;
        out.transportDetail = "curl_easy_init failed";
        return out;
    }
    CURL* h = curl.get();
    curl_slist* headers = nullptr;
    for (const auto& [k, v] : request.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
    headers = curl_slist_append(headers, "Expect:");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headerGuard(headers, curl_slist_free_all);

    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!m_options.caBundle.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, m_options.caBundle.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, m_options.connectTimeoutMs);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, m_options.timeoutMs);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    net::applyProxy(h, request.url, m_options.proxy);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &out.body);
    if (!request.basicUser.empty()) {
        curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
        curl_easy_setopt(h, CURLOPT_USERNAME, request.basicUser.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, request.basicPassword.c_str());
    }

    const CURLcode rc = m_runner.perform(h, m_stop);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.status);
        return out;
    }
    out.transportDetail = curl_easy_strerror(rc);
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        out.transport = HttpResponse::Transport::ConnectFailed;
        break;
    case CURLE_OPERATION_TIMEDOUT: {
        // A connect timeout means nothing reached the gateway; a read timeout may have.
        double connectTime = 0;
        curl_easy_getinfo(h, CURLINFO_CONNECT_TIME, &connectTime);
        out.transport = connectTime > 0 ? HttpResponse::Transport::Timeout : HttpResponse::Transport::ConnectFailed;
        break;
    }
    default:
        out.transport = HttpResponse::Transport::Other;
    }
    return out;
}

DeliveryResult HttpSmsSender::send(const OutgoingMessage& message) {
    auto request = m_profile.buildRequest(message, m_options.sender, m_options.secrets, m_options.url);
    if (!request) {
        if (request.error().code == "notify.bad_phone") return DeliveryResult::failed(request.error().message);
        return DeliveryResult::failed(request.error().describe());
    }
    const auto parts = net::parseUrl(request->url);
    const std::string scheme = parts ? parts->scheme : std::string();
    if (scheme != "https" && !(scheme == "http" && net::isLoopbackHost(parts->host)))
        return DeliveryResult::failed(m_profile.name() + ": only https (or http to loopback) is allowed");
    if (m_profile.ratePerMinute() > 0) {
        const auto spacing = std::chrono::milliseconds(60000 / m_profile.ratePerMinute());
        const auto next = m_lastRequest + spacing;
        if (std::chrono::steady_clock::now() < next) std::this_thread::sleep_until(next);
    }
    m_lastRequest = std::chrono::steady_clock::now();
    return m_profile.classify(perform(request.value()));
}

} // namespace bhxh::notify
