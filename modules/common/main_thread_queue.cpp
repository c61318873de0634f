#include "common/main_thread_queue.h"

namespace bhxh {

void MainThreadQueue::setWakeUp(std::function<void()> wakeUp) {
    std::lock_guard lock(m_mutex);
    m_wakeUp = std::move(wakeUp);
}

void MainThreadQueue::post(Task task) {
    std::function<void()> wakeUp;
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
        wakeUp = m_wakeUp;
    }
    if (wakeUp) wakeUp();
}

std::size_t MainThreadQueue::drain() {
    {
        std::lock_guard lock(m_mutex);
        m_running.swap(m_tasks);
    }
    const std::size_t count = m_running.size();
    for (auto& task : m_running) task();
    m_running.clear();
    return count;
}

std::size_t MainThreadQueue::pending() const {
    std::lock_guard lock(m_mutex);
    return m_tasks.size();
}

} // namespace bhxh
