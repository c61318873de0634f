#pragma once
#include "common/worker.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace bhxh {

/// A few threads for work that holds a core but touches no database: decoding and encoding
/// pictures, writing PDFs, waiting for a password check (argon2id). The store threads then run
/// SQL only, so a card look-up never waits behind a photo or a receipt. Jobs run in any order
/// and may run at the same time; one that must follow another posts it when it ends. Stopping
/// (or destroying) the pool lets the running jobs finish, drops the waiting ones and joins. A pool
/// of one thread runs its jobs in the order posted (JobThread is that).
class CpuPool {
public:
    using Job = std::function<void()>;

    /// `threads` is clamped to 1..8; 0 means one per core, at most 4 (the UI and the store
    /// threads need theirs too).
    explicit CpuPool(std::string name, std::size_t threads = 0);
    ~CpuPool();
    CpuPool(const CpuPool&) = delete;
    CpuPool& operator=(const CpuPool&) = delete;

    /// Queues a job; never blocks on a running one. Dropped once the pool stops.
    void post(Job job);
    /// Jobs waiting or running.
    [[nodiscard]] std::size_t pending() const;
    [[nodiscard]] std::size_t threads() const { return m_workers.size(); }
    /// Finishes the running jobs, drops the rest and joins. Safe to call twice.
    void stop();

private:
    void run(std::stop_token stop);

    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<Job> m_jobs;
    std::size_t m_running = 0;
    bool m_stopped = false;
    std::vector<std::unique_ptr<Worker>> m_workers;  // last: joined before the queue goes
};

} // namespace bhxh
