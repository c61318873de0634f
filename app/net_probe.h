#pragma once
#include "common/result.h"

#include <chrono>
#include <filesystem>
#include <string>

namespace bhxh::app {

/// Reachability probes for `bhxh-desk doctor`, through libcurl: they open a connection and read
/// a clock; they never send a message, a token or a password.
class NetProbe {
public:
    /// A server's clock as read from its Date header.
    struct ServerClock {
        std::chrono::system_clock::time_point server;  ///< the Date header (1 s resolution)
        std::chrono::system_clock::time_point local;   ///< this machine's clock half-way through the request
        long status = 0;                               ///< the HTTP status (any status carries Date)
    };

    /// Connects to the URL's host and port (TCP, plus the TLS handshake with certificate checks
    /// for https:// and smtps://) and hangs up. `caBundle` empty → the system CA store.
    /// `proxy` as the configuration names it (net::applyProxy: loopback is always direct).
    static Result<void> connect(const std::string& url, const std::filesystem::path& caBundle, long timeoutMs,
                                const std::string& proxy = {});
    /// HEAD `url` without credentials and reads the Date header. Errors: net.unreachable,
    /// net.no_date (the server answered without a Date header).
    static Result<ServerClock> serverClock(const std::string& url, const std::filesystem::path& caBundle,
                                           long timeoutMs, const std::string& proxy = {});
};

} // namespace bhxh::app
