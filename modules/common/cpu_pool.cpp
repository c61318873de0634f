#include "common/cpu_pool.h"

#include <algorithm>
#include <thread>

namespace bhxh {

CpuPool::CpuPool(std::string name, std::size_t threads) {
    if (threads == 0) threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    threads = std::clamp<std::size_t>(threads, 1, 8);
    for (std::size_t i = 0; i < threads; ++i) {
        // One thread keeps the name it was given (a JobThread's "store", "auth"); more are numbered.
        auto worker = std::make_unique<Worker>(threads == 1 ? name : name + "-" + std::to_string(i + 1));
        worker->start([this](std::stop_token stop) { run(stop); });
        m_workers.push_back(std::move(worker));
    }
}

CpuPool::~CpuPool() { stop(); }

void CpuPool::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    for (auto& worker : m_workers) worker->requestStop();
    for (auto& worker : m_workers) worker->stop();
    std::lock_guard lock(m_mutex);
    m_jobs.clear();
}

void CpuPool::post(Job job) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopped) return;
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

std::size_t CpuPool::pending() const {
    std::lock_guard lock(m_mutex);
    return m_jobs.size() + m_running;
}

void CpuPool::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [this] { return !m_jobs.empty(); })) break;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            ++m_running;
        }
        job();
        std::lock_guard lock(m_mutex);
        --m_running;
    }
}

} // namespace bhxh
