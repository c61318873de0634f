#include "declarations/adapters/curl_portal_client.h"

#include "common/bounded_json.h"
#include "common/log.h"
#include "common/percent_encoding.h"
#include "common/stop_wait.h"
#include "declarations/declaration_json.h"
#include "declarations/portal_errors.h"
#include "declarations/portal_json.h"
#include "net/curl_url.h"

#include <algorithm>
#include <chrono>
#include <curl/curl.h>
#include <nlohmann/json.hpp>

namespace bhxh::declarations {
namespace {

// JSON answers are refused beyond what DeclarationJson reads; a photo beyond its limit.
const std::size_t kMaxJsonBody = DeclarationJson::textLimits().maxBytes;
constexpr auto kMaxFileBody = static_cast<std::size_t>(declaration_limits::kFileBytes);
// A retry is only worth making with at least this much of the call's time left.
constexpr long kMinAttemptMs = 1000;

struct Sink {
    std::string* body;
    std::size_t max;
    bool tooLarge = false;
};

std::size_t writeBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t n = size * count;
    if (n > sink->max || sink->body->size() > sink->max - n) {
        sink->tooLarge = true;
        return 0;
    }
    sink->body->append(data, n);
    return n;
}

std::size_t writeHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* response = static_cast<CurlPortalClient::Response*>(user);
    const std::size_t n = size * count;
    std::string line(data, n);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        const auto first = value.find_first_not_of(" \t");
        const auto last = value.find_last_not_of(" \t\r\n");
        value = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
        if (name == "content-type") response->contentType = value;
        if (name == "etag") {
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            response->etag = value;
        }
    }
    return n;
}

/// A 3xx: the desk never follows one (the token would go to wherever it points); the message names
/// the status and the other host only (a URL may carry a secret).
Error redirectError(const CurlPortalClient::Response& response, const std::string& what) {
    std::string message = what + ": HTTP " + std::to_string(response.status) + ", a redirect";
    if (const auto target = net::parseUrl(response.redirectTo); target) {
        message += " to " + target->scheme + "://" + target->host + (target->port.empty() ? "" : ":" + target->port);
    }
    message += "; redirects are not followed (set [portal] base_url to the portal's own address)";
    return Error{portal_error::kBadResponse, message};
}

} // namespace

Result<std::unique_ptr<CurlPortalClient>> CurlPortalClient::create(Options options) {
    net::globalInit();
    const std::string& url = options.baseUrl;
    const auto parts = net::parseUrl(url);
    if (!parts || (parts->scheme != "https" && parts->scheme != "http")) {
        return Error{portal_error::kConfig, "portal.base_url: '" + url + "' is not an http(s) URL"};
    }
    if (parts->scheme == "http" && !net::isLoopbackHost(parts->host)) {
        return Error{portal_error::kConfig, "portal.base_url: plain http is only allowed to loopback (127.0.0.0/8, "
                                            "localhost, ::1); use https for " + parts->host};
    }
    if (options.token.empty()) return Error{portal_error::kConfig, "portal: the desk token is empty"};
    if (options.deskId.empty()) return Error{portal_error::kConfig, "portal: the desk id (office-desk) is empty"};
    while (!options.baseUrl.empty() && options.baseUrl.back() == '/') options.baseUrl.pop_back();
    options.retries = std::clamp(options.retries, 0, 10);
    options.callTimeoutMs = std::max(options.callTimeoutMs, 1L);
    return std::unique_ptr<CurlPortalClient>(new CurlPortalClient(std::move(options)));
}

Error CurlPortalClient::cancelled(const std::string& what) {
    return Error{portal_error::kCancelled, what + ": abandoned, the desk is stopping"};
}

Result<CurlPortalClient::Response> CurlPortalClient::send(const std::string& method, const std::string& path,
                                                          const std::string& body, const std::string& idempotencyKey,
                                                          const std::string& what, std::size_t maxBody) {
    using Clock = std::chrono::steady_clock;
    const std::string url = m_options.baseUrl + path;
    const auto deadline = Clock::now() + std::chrono::milliseconds(m_options.callTimeoutMs);
    auto remainingMs = [&deadline] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    };
    const bool budgeted = m_bounds.budget.count() > 0;
    const int retries = budgeted ? 0 : m_options.retries;
    long pause = std::max(1L, m_options.backoffMs);
    for (int attempt = 0;; ++attempt) {
        // Each attempt gets the whole-request timeout, but never more than what is left of the call.
        const long timeoutMs = std::max(1L, std::min<long>(m_options.timeoutMs, remainingMs()));
        auto response = sendOnce(method, url, body, idempotencyKey, what, maxBody, timeoutMs);
        if (response && response->status >= 300 && response->status < 400) return redirectError(*response, what);
        if (response && response->status < 400) return response;
        Error error = response ? portalHttpError(response->status, what, response->body) : response.error();
        if (!isTransientPortalError(error.code) || error.code == portal_error::kCancelled || attempt >= retries) {
            return error;
        }
        // A retry that could not get a fair attempt before the call's deadline is not made.
        if (remainingMs() - pause < kMinAttemptMs) {
            error.message += " (gave up after " + std::to_string(attempt + 1) + " attempts: a call may take " +
                             std::to_string(m_options.callTimeoutMs / 1000) + " s, [portal] call_timeout_ms)";
            return error;
        }
        bhxh::log::warn("portal: " + what + " failed (" + error.code + "), retry " + std::to_string(attempt + 1) +
                        " of " + std::to_string(retries) + " in " + std::to_string(pause) + " ms");
        if (!waitUnlessStopped(m_bounds.stop, std::chrono::milliseconds(pause))) return cancelled(what);
        pause = std::min(pause * 2, 5000L);
    }
}

Result<CurlPortalClient::Response> CurlPortalClient::sendOnce(const std::string& method, const std::string& url,
                                                              const std::string& body,
                                                              const std::string& idempotencyKey,
                                                              const std::string& what, std::size_t maxBody,
                                                              long timeoutMs) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return Error{portal_error::kNetwork, what + ": cannot start a libcurl session"};
    Response response;
    Sink sink{&response.body, maxBody};
    char errbuf[CURL_ERROR_SIZE] = {};
    struct curl_slist* headers = nullptr;
    const std::string auth = "Authorization: Bearer " + m_options.token;
    headers = curl_slist_append(headers, auth.c_str());
    headers = curl_slist_append(headers, ("X-Desk-Id: " + m_options.deskId).c_str());
    headers = curl_slist_append(headers, "Accept: application/json");
    if (!body.empty()) headers = curl_slist_append(headers, "Content-Type: application/json");
    if (!idempotencyKey.empty()) headers = curl_slist_append(headers, ("Idempotency-Key: " + idempotencyKey).c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headerGuard(headers, &curl_slist_free_all);

    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!m_options.caBundle.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, m_options.caBundle.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, m_options.connectTimeoutMs);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeoutMs);
    // An answer announcing more than maxBody is refused before its body is read; one that does
    // not announce its length is cut off by writeBody at maxBody.
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(maxBody));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &writeBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &writeHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "bhxh-desk");
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // whatever this libcurl can decode (gzip, …)
    net::applyProxy(h, url, m_options.proxy);
    if (method == "POST") {
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    } else if (method != "GET") {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
    }

    const auto deadline = m_bounds.budget.count() > 0 ? std::chrono::steady_clock::now() + m_bounds.budget
                                                      : net::CurlRunner::Deadline::max();
    const CURLcode rc = m_runner.perform(h, m_bounds.stop, deadline);
    if (rc != CURLE_OK) {
        if (sink.tooLarge || rc == CURLE_FILESIZE_EXCEEDED) {
            return Error{portal_error::kBadResponse,
                         what + ": the answer is larger than " + std::to_string(maxBody / (1024u * 1024u)) + " MB"};
        }
        if (rc == CURLE_ABORTED_BY_CALLBACK) return cancelled(what);
        const std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
        if (rc == CURLE_OPERATION_TIMEDOUT) return Error{portal_error::kTimeout, what + ": timed out (" + detail + ")"};
        if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CONNECT_ERROR) {
            return Error{portal_error::kConfig, what + ": TLS failed (" + detail + ")"};
        }
        return Error{portal_error::kNetwork, what + ": " + detail};
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    if (char* location = nullptr; curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) {
        response.redirectTo = location;
    }
    return response;
}

Result<DeclarationPage> CurlPortalClient::listDeclarations(const std::string& office,
                                                           const std::optional<std::string>& cursor, int limit) {
    std::string path = "/offices/" + percentEncode(office) + "/declarations?limit=" + std::to_string(limit);
    if (cursor) path += "&after=" + percentEncode(*cursor);
    auto response = send("GET", path, {}, {}, "list declarations of office " + office, kMaxJsonBody);
    if (!response) return response.error();
    return PortalJson::parsePage(response->body);
}

Result<Declaration> CurlPortalClient::getDeclaration(const std::string& dossierNo) {
    auto response = send("GET", "/declarations/" + percentEncode(dossierNo), {}, {}, "get declaration " + dossierNo, kMaxJsonBody);
    if (!response) return response.error();
    return PortalJson::parseDeclaration(response->body);
}

Result<PortalFile> CurlPortalClient::downloadFile(const std::string& dossierNo, const std::string& kind) {
    auto response = send("GET", "/declarations/" + percentEncode(dossierNo) + "/files/" + percentEncode(kind), {}, {},
                         "download " + kind + " of " + dossierNo, kMaxFileBody);
    if (!response) return response.error();
    return PortalFile{std::move(response->body), std::move(response->contentType), std::move(response->etag)};
}

Result<std::vector<Declaration>> CurlPortalClient::lookup(const std::string& bhxhCodeOrIdNumber) {
    // A BHXH code has 10 digits; anything else is an ID number (CCCD 12, CMND 9, passport).
    const bool isBhxh = bhxhCodeOrIdNumber.size() == 10 &&
                        std::all_of(bhxhCodeOrIdNumber.begin(), bhxhCodeOrIdNumber.end(),
                                    [](unsigned char c) { return c >= '0' && c <= '9'; });
    const std::string path =
        std::string("/lookup?") + (isBhxh ? "bhxh_code=" : "id_number=") + percentEncode(bhxhCodeOrIdNumber);
    auto response = send("GET", path, {}, {}, "lookup of a scanned card", kMaxJsonBody);
    if (!response) return response.error();
    return PortalJson::parseItems(response->body);
}

Result<ContactCheck> CurlPortalClient::contactCheck(const std::string& phone, const std::string& email,
                                                   const std::string& bhxhCode) {
    std::string query;
    auto add = [&query, this](const char* name, const std::string& value) {
        if (value.empty()) return;
        query += (query.empty() ? "?" : "&") + std::string(name) + "=" + percentEncode(value);
    };
    add("phone", phone);
    add("email", email);
    add("bhxh_code", bhxhCode);
    auto response = send("GET", "/contact-check" + query, {}, {}, "contact check", kMaxJsonBody);
    if (!response) return response.error();
    return PortalJson::parseContactCheck(response->body);
}

Result<ClaimLease> CurlPortalClient::claim(const std::string& dossierNo, const std::string& officerId, int ttlSeconds) {
    const nlohmann::json body{{"officer_id", officerId}, {"ttl_s", ttlSeconds}};
    auto response = send("POST", "/declarations/" + percentEncode(dossierNo) + "/claim", body.dump(), {}, "claim " + dossierNo, kMaxJsonBody);
    if (!response) return response.error();
    return PortalJson::parseClaim(response->body);
}

Result<void> CurlPortalClient::release(const std::string& dossierNo, const std::string& leaseId) {
    auto response = send("DELETE", "/declarations/" + percentEncode(dossierNo) + "/claim/" + percentEncode(leaseId), {}, {},
                         "release " + dossierNo, kMaxJsonBody);
    if (!response) return response.error();
    return {};
}

Result<DecisionAnswer> CurlPortalClient::decide(const std::string& dossierNo, const std::string& idempotencyKey,
                                                const std::string& bodyJson) {
    if (idempotencyKey.empty()) return Error{portal_error::kInvalid, "decision on " + dossierNo + ": no Idempotency-Key"};
    auto response = send("POST", "/declarations/" + percentEncode(dossierNo) + "/decision", bodyJson, idempotencyKey,
                         "decision on " + dossierNo, kMaxJsonBody);
    if (!response) return response.error();
    return PortalJson::parseDecision(response->body);
}

// --- Audit anchors (docs/portal-api.md, "Audit anchors") ---

Result<void> CurlPortalClient::anchorAudit(const AuditAnchor& anchor) {
    const nlohmann::json body{{"seq", anchor.seq}, {"mac", anchor.mac}, {"at", anchor.at}};
    auto response = send("POST", "/desks/" + percentEncode(m_options.deskId) + "/audit-anchor", body.dump(), {},
                         "audit anchor of entry " + std::to_string(anchor.seq), kMaxJsonBody);
    if (!response) return response.error();
    return {};
}

Result<std::optional<AuditAnchor>> CurlPortalClient::lastAuditAnchor() {
    const std::string what = "last audit anchor";
    auto response = send("GET", "/desks/" + percentEncode(m_options.deskId) + "/audit-anchor", {}, {}, what, kMaxJsonBody);
    if (!response) return response.error();
    auto read = bhxh::json::parseBounded(response->body, DeclarationJson::textLimits(), what, portal_error::kBadResponse);
    if (!read) return read.error();
    const nlohmann::json& parsed = *read;
    if (!parsed.is_object() || !parsed.contains("anchor")) {
        return Error{portal_error::kBadResponse, what + ": the answer has no 'anchor'"};
    }
    const auto& a = parsed["anchor"];
    if (a.is_null()) return std::optional<AuditAnchor>();
    if (!a.is_object() || !a.contains("seq") || !a["seq"].is_number_integer() || !a.contains("mac") ||
        !a["mac"].is_string() || !a.contains("at") || !a["at"].is_string()) {
        return Error{portal_error::kBadResponse, what + ": 'anchor' lacks seq, mac or at"};
    }
    AuditAnchor anchor{a["seq"].get<std::int64_t>(), a["mac"].get<std::string>(), a["at"].get<std::string>(), {}};
    if (a.contains("received_at") && a["received_at"].is_string()) anchor.receivedAt = a["received_at"].get<std::string>();
    return std::optional<AuditAnchor>(std::move(anchor));
}

} // namespace bhxh::declarations
