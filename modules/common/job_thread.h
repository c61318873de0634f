#pragma once
#include "common/cpu_pool.h"

#include <cstddef>
#include <functional>
#include <string>

namespace bhxh {

/// A named thread that runs posted jobs one at a time, in the order posted (a CpuPool of one
/// thread). Stopping (or destroying) it lets the running job finish, drops the waiting ones and
/// joins.
class JobThread {
public:
    using Job = std::function<void()>;

    explicit JobThread(std::string name) : m_pool(std::move(name), 1) {}
    JobThread(const JobThread&) = delete;
    JobThread& operator=(const JobThread&) = delete;

    /// Queues a job; never blocks on the running one.
    void post(Job job) { m_pool.post(std::move(job)); }
    /// Jobs waiting or running.
    [[nodiscard]] std::size_t pending() const { return m_pool.pending(); }
    /// Finishes the running job, drops the rest and joins. Safe to call twice.
    void stop() { m_pool.stop(); }

private:
    CpuPool m_pool;
};

} // namespace bhxh
