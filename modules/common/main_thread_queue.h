#pragma once
#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

namespace bhxh {

/// The one way a worker hands something to the UI thread: post() a task from any thread;
/// the UI thread calls drain() once at the start of each frame and runs them in order.
/// Tasks posted while draining run in the next frame, so a frame never spins forever.
class MainThreadQueue {
public:
    using Task = std::function<void()>;

    /// Called (from the posting thread) after each post, e.g. glfwPostEmptyEvent to wake the loop.
    void setWakeUp(std::function<void()> wakeUp);
    /// Thread-safe. Never blocks on the UI thread's work.
    void post(Task task);
    /// UI thread only. Runs every task posted before this call; returns how many ran.
    std::size_t drain();
    /// Tasks waiting now (for tests and the status bar).
    [[nodiscard]] std::size_t pending() const;

private:
    mutable std::mutex m_mutex;
    std::vector<Task> m_tasks;
    std::vector<Task> m_running;   // reused between drains to avoid allocations
    std::function<void()> m_wakeUp;
};

} // namespace bhxh
