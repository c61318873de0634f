#pragma once
#include "common/worker.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>

namespace bhxh {

/// A named thread that runs posted jobs one at a time, in the order posted. Stopping (or
/// destroying) it lets the running job finish, drops the waiting ones and joins.
class JobThread {
public:
    using Job = std::function<void()>;

    explicit JobThread(std::string name);
    ~JobThread();
    JobThread(const JobThread&) = delete;
    JobThread& operator=(const JobThread&) = delete;

    /// Queues a job; never blocks on the running one.
    void post(Job job);
    /// Jobs waiting or running.
    [[nodiscard]] std::size_t pending() const;
    /// Finishes the running job, drops the rest and joins. Safe to call twice.
    void stop();

private:
    void run(std::stop_token stop);

    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<Job> m_jobs;
    std::size_t m_running = 0;
    Worker m_worker;  // last: joined before the queue goes
};

} // namespace bhxh
