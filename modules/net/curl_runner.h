#pragma once
#include <chrono>
#include <curl/curl.h>
#include <stop_token>

namespace bhxh::net {

/// Runs curl transfers so that nothing waits longer than the caller allows: a stop request (the
/// program is closing, the lane is stopping) or a deadline ends a transfer at once — not at the
/// next progress callback, which libcurl may call only once a second while a server is silent.
/// It drives a multi handle of its own with curl_multi_poll, and a std::stop_callback wakes the
/// poll (curl_multi_wakeup is safe from another thread). The multi handle keeps its connection
/// cache between transfers, so a runner reused by one thread keeps its connections alive.
/// One runner per thread: perform() is not reentrant.
class CurlRunner {
public:
    using Deadline = std::chrono::steady_clock::time_point;

    CurlRunner();
    ~CurlRunner();
    CurlRunner(const CurlRunner&) = delete;
    CurlRunner& operator=(const CurlRunner&) = delete;

    /// Runs `easy` to its end and returns its result. A stop request before or during the transfer
    /// returns CURLE_ABORTED_BY_CALLBACK; the deadline passing returns CURLE_OPERATION_TIMEDOUT.
    /// The handle's own timeouts (CURLOPT_TIMEOUT_MS, …) still apply.
    CURLcode perform(CURL* easy, std::stop_token stop, Deadline deadline = Deadline::max());

private:
    CURLM* m_multi = nullptr;
};

} // namespace bhxh::net
