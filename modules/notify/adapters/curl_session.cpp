#include "notify/adapters/curl_session.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace bhxh::notify {

void ensureCurlGlobalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string urlScheme(const std::string& url) {
    const auto pos = url.find("://");
    if (pos == std::string::npos) return {};
    std::string s = url.substr(0, pos);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool isLoopbackUrl(const std::string& url) {
    const auto pos = url.find("://");
    if (pos == std::string::npos) return false;
    std::string rest = url.substr(pos + 3);
    const auto at = rest.find('@');
    const auto slash = rest.find('/');
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) rest = rest.substr(at + 1);
    std::string host;
    if (!rest.empty() && rest[0] == '[') {
        const auto close = rest.find(']');
        if (close == std::string::npos) return false;
        host = rest.substr(1, close - 1);
    } else {
        host = rest.substr(0, rest.find_first_of(":/?#"));
    }
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (host == "localhost" || host == "::1") return true;
    if (host.rfind("127.", 0) != 0) return false;
    return std::all_of(host.begin(), host.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

} // namespace bhxh::notify
