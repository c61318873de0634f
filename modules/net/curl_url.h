#pragma once
#include "common/result.h"

#include <curl/curl.h>
#include <string>
#include <string_view>

namespace bhxh::net {

/// curl_global_init, once for the program (main calls it first; every curl user calls it too,
/// which is then a no-op).
void globalInit();

/// A URL as libcurl reads it (curl_url), so the host checked is the host curl connects to.
struct UrlParts {
    std::string scheme;  ///< lower case: "https", "smtp"
    std::string host;    ///< lower case, IPv6 without brackets
    std::string port;    ///< empty when the URL names none
};

/// Parses an absolute URL with libcurl's URL API; an Error (code "net.bad_url") for anything it
/// refuses or that has no host. The message names the URL's scheme only (a URL may carry a secret).
Result<UrlParts> parseUrl(const std::string& url);

/// localhost, an IPv4 address in 127.0.0.0/8 (four decimal parts) or ::1; nothing else.
[[nodiscard]] bool isLoopbackHost(std::string_view host);
/// True when parseUrl succeeds and its host isLoopbackHost.
[[nodiscard]] bool isLoopbackUrl(const std::string& url);

/// The proxy policy of one handle: the environment's http_proxy/https_proxy/all_proxy are
/// never used; a loopback URL never goes through a proxy; any other URL goes through `proxy`
/// when it is set (an explicit configuration key) and directly otherwise.
void applyProxy(CURL* handle, const std::string& url, const std::string& proxy);

} // namespace bhxh::net
