#pragma once
#include <atomic>
#include <functional>
#include <thread>

namespace bhxh {

/// SIGTERM, SIGINT and SIGHUP for a program with threads. They are blocked in every thread
/// (blockInThisThread() before the first thread starts: threads inherit the mask) and taken with
/// sigwait() on a thread of their own, which runs `onStop` as ordinary code: nothing runs in a
/// signal handler, where only async-signal-safe calls are allowed (GLFW calls are not).
class StopSignals {
public:
    /// Blocks the stop signals (and the private wake-up signal) in the calling thread.
    static void blockInThisThread();
    /// Starts the waiting thread; `onStop(signal)` runs on it for every stop signal.
    explicit StopSignals(std::function<void(int)> onStop);
    /// Stops and joins the waiting thread.
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    std::function<void(int)> m_onStop;
    std::atomic<bool> m_done{false};
    std::thread m_thread;
};

} // namespace bhxh
