#include "net/curl_runner.h"

#include "net/curl_url.h"

#include <algorithm>

namespace bhxh::net {

CurlRunner::CurlRunner() {
    globalInit();
    m_multi = curl_multi_init();
}

CurlRunner::~CurlRunner() {
    if (m_multi) curl_multi_cleanup(m_multi);
}

CURLcode CurlRunner::perform(CURL* easy, std::stop_token stop, Deadline deadline) {
    if (!m_multi) return CURLE_OUT_OF_MEMORY;
    if (stop.stop_requested()) return CURLE_ABORTED_BY_CALLBACK;
    if (curl_multi_add_handle(m_multi, easy) != CURLM_OK) return CURLE_FAILED_INIT;
    CURLM* multi = m_multi;
    // Runs on the thread that requests the stop: only the thread-safe wake-up call.
    std::stop_callback wake(stop, [multi] { curl_multi_wakeup(multi); });

    CURLcode result = CURLE_OK;
    for (;;) {
        int running = 0;
        if (curl_multi_perform(m_multi, &running) != CURLM_OK) {
            result = CURLE_FAILED_INIT;
            break;
        }
        bool done = false;
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(m_multi, &left)) {
            if (msg->msg == CURLMSG_DONE && msg->easy_handle == easy) {
                result = msg->data.result;
                done = true;
            }
        }
        if (done) break;
        if (stop.stop_requested()) {
            result = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            result = CURLE_OPERATION_TIMEDOUT;
            break;
        }
        // At most a second per poll: curl's own timers are honoured inside curl_multi_poll too.
        const auto left_ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
        const int waitMs = static_cast<int>(std::clamp<long long>(left_ms, 1, 1000));
        if (curl_multi_poll(m_multi, nullptr, 0, waitMs, nullptr) != CURLM_OK) {
            result = CURLE_FAILED_INIT;
            break;
        }
    }
    curl_multi_remove_handle(m_multi, easy);
    return result;
}

} // namespace bhxh::net
