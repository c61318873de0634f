#include "common/worker.h"

#include <cassert>
#include <pthread.h>

namespace bhxh {

Worker::~Worker() { stop(); }

void Worker::start(Body body) {
    assert(!running() && "Worker started twice");
    m_thread = std::jthread([name = m_name, body = std::move(body)](std::stop_token token) {
        if (!name.empty()) {
            // Linux limits thread names to 15 characters; the name shows in top and gdb.
            pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
        }
        body(token);
    });
}

void Worker::stop() {
    if (!m_thread.joinable()) return;
    m_thread.request_stop();
    m_thread.join();
}

} // namespace bhxh
