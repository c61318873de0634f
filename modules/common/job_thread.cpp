#include "common/job_thread.h"

namespace bhxh {

JobThread::JobThread(std::string name) : m_worker(std::move(name)) {
    m_worker.start([this](std::stop_token stop) { run(stop); });
}

JobThread::~JobThread() { stop(); }

void JobThread::stop() { m_worker.stop(); }

void JobThread::post(Job job) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

std::size_t JobThread::pending() const {
    std::lock_guard lock(m_mutex);
    return m_jobs.size() + m_running;
}

void JobThread::run(std::stop_token stop) {
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
