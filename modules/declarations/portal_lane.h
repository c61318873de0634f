#pragma once
#include "common/worker.h"
#include "declarations/portal_client.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>

namespace bhxh::declarations {

/// One lane of portal work: a thread of its own, a queue of tasks and its timed work, with the
/// client that only this lane uses. The lane binds its stop token to the client, so a stop ends
/// the request under way and any retry pause at once. Tasks run in the order posted, before the
/// timed work; the timed work runs when it is due or woken and says when it is due next.
class PortalLane {
public:
    using Clock = std::chrono::steady_clock;
    using Task = std::function<void(std::stop_token)>;
    /// Runs when due (or woken); returns when it is due next (Clock::time_point::max(): never).
    using Timed = std::function<Clock::time_point(std::stop_token)>;
    /// Runs once after the stop request, with the client bounded by `farewellBudget` (no retries).
    using Farewell = std::function<void()>;

    PortalLane(std::string name, PortalClient& client);
    /// Stops and joins.
    ~PortalLane();
    PortalLane(const PortalLane&) = delete;
    PortalLane& operator=(const PortalLane&) = delete;

    /// Starts the thread; the timed work runs first at once.
    void start(Timed timed, Farewell farewell = {},
               std::chrono::milliseconds farewellBudget = std::chrono::milliseconds(1000));
    /// Queues a task; tasks still queued when the lane stops are dropped.
    void post(Task task);
    /// Runs the timed work as soon as the current task ends.
    void wake();
    /// Requests stop: the request under way ends; the thread then runs the farewell and ends.
    void requestStop();
    /// requestStop() and join. Safe twice.
    void stop();
    [[nodiscard]] const std::string& name() const { return m_thread.name(); }

private:
    void run(std::stop_token stop);

    PortalClient& m_client;
    Timed m_timed;
    Farewell m_farewell;
    std::chrono::milliseconds m_farewellBudget{1000};

    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<Task> m_tasks;
    bool m_woken = false;

    Worker m_thread;
};

} // namespace bhxh::declarations
