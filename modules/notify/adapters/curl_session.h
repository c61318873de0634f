#pragma once
#include <string>

namespace bhxh::notify {

/// libcurl's process-wide init, done once before the first handle (thread-safe).
void ensureCurlGlobalInit();
/// True when the URL's host is 127.0.0.0/8, ::1 or localhost: the only hosts that may be
/// reached over plain http / smtp without TLS.
[[nodiscard]] bool isLoopbackUrl(const std::string& url);
/// The scheme in lower case ("https" for "HTTPS://..."), empty when there is none.
[[nodiscard]] std::string urlScheme(const std::string& url);

} // namespace bhxh::notify
