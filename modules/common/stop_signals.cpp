#include "common/stop_signals.h"

#include <pthread.h>
#include <signal.h>

namespace bhxh {
namespace {

// SIGUSR2 wakes the waiting thread when it is to end; it is never sent from outside.
constexpr int kWake = SIGUSR2;

sigset_t watchedSet() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, kWake);
    return set;
}

} // namespace

void StopSignals::blockInThisThread() {
    const sigset_t set = watchedSet();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

StopSignals::StopSignals(std::function<void(int)> onStop) : m_onStop(std::move(onStop)) {
    blockInThisThread();  // the waiting thread inherits the mask; sigwait needs the signals blocked
    m_thread = std::thread([this] {
        const sigset_t set = watchedSet();
        while (true) {
            int signal = 0;
            if (sigwait(&set, &signal) != 0) continue;
            if (signal == kWake) {
                if (m_done.load()) return;
                continue;
            }
            if (m_onStop) m_onStop(signal);
        }
    });
}

StopSignals::~StopSignals() {
    m_done = true;
    pthread_kill(m_thread.native_handle(), kWake);
    m_thread.join();
}

} // namespace bhxh
