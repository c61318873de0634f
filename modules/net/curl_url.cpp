#include "net/curl_url.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <mutex>

namespace bhxh::net {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

struct CurlFree {
    void operator()(char* p) const { curl_free(p); }
};

// One part of a parsed URL, empty when the URL has none.
std::string part(CURLU* url, CURLUPart which) {
    char* raw = nullptr;
    if (curl_url_get(url, which, &raw, 0) != CURLUE_OK || !raw) return {};
    std::unique_ptr<char, CurlFree> owned(raw);
    return std::string(raw);
}

// Four decimal parts 0…255 with no leading zeros (curl_url normalises other IPv4 spellings
// such as 0x7f.1 or 2130706433 to this form), the first being 127.
bool isLoopbackIpv4(std::string_view host) {
    std::array<int, 4> parts{};
    std::size_t index = 0;
    std::size_t digits = 0;
    int value = 0;
    for (std::size_t i = 0; i <= host.size(); ++i) {
        if (i == host.size() || host[i] == '.') {
            if (digits == 0 || index >= parts.size()) return false;
            parts[index++] = value;
            digits = 0;
            value = 0;
            continue;
        }
        const char c = host[i];
        if (c < '0' || c > '9' || digits == 3 || (digits == 1 && value == 0)) return false;
        value = value * 10 + (c - '0');
        ++digits;
        if (value > 255) return false;
    }
    return index == parts.size() && parts[0] == 127;
}

} // namespace

void globalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<UrlParts> parseUrl(const std::string& url) {
    globalInit();
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> handle(curl_url(), &curl_url_cleanup);
    if (!handle) return makeError("net.bad_url", "cannot start libcurl's URL parser");
    // No default scheme: "evil.example" alone is not a URL.
    const CURLUcode rc = curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME);
    if (rc != CURLUE_OK) {
        return makeError("net.bad_url", std::string("not a URL libcurl can read (") + curl_url_strerror(rc) + ")");
    }
    UrlParts parts{lower(part(handle.get(), CURLUPART_SCHEME)), lower(part(handle.get(), CURLUPART_HOST)),
                   part(handle.get(), CURLUPART_PORT)};
    if (parts.host.size() >= 2 && parts.host.front() == '[' && parts.host.back() == ']') {
        parts.host = parts.host.substr(1, parts.host.size() - 2);
    }
    if (const auto zone = parts.host.find('%'); zone != std::string::npos) parts.host.erase(zone);
    if (parts.scheme.empty() || parts.host.empty()) {
        return makeError("net.bad_url", "the URL names no " + std::string(parts.scheme.empty() ? "scheme" : "host"));
    }
    return parts;
}

bool isLoopbackHost(std::string_view host) {
    if (host == "localhost" || host == "::1") return true;
    return isLoopbackIpv4(host);
}

bool isLoopbackUrl(const std::string& url) {
    const auto parts = parseUrl(url);
    return parts.ok() && isLoopbackHost(parts->host);
}

void applyProxy(CURL* handle, const std::string& url, const std::string& proxy) {
    // An empty CURLOPT_PROXY turns every proxy off, the environment's included.
    const bool direct = proxy.empty() || isLoopbackUrl(url);
    curl_easy_setopt(handle, CURLOPT_PROXY, direct ? "" : proxy.c_str());
    if (direct) curl_easy_setopt(handle, CURLOPT_NOPROXY, "*");
}

} // namespace bhxh::net
