#include "declarations/portal_lane.h"

#include <algorithm>

namespace bhxh::declarations {

PortalLane::PortalLane(std::string name, PortalClient& client) : m_client(client), m_thread(std::move(name)) {}

PortalLane::~PortalLane() { stop(); }

void PortalLane::start(Timed timed, Farewell farewell, std::chrono::milliseconds farewellBudget) {
    m_timed = std::move(timed);
    m_farewell = std::move(farewell);
    m_farewellBudget = farewellBudget;
    m_thread.start([this](std::stop_token stop) { run(stop); });
}

void PortalLane::post(Task task) {
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void PortalLane::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_one();
}

void PortalLane::requestStop() { m_thread.requestStop(); }

void PortalLane::stop() { m_thread.stop(); }

void PortalLane::run(std::stop_token stop) {
    m_client.setBounds({stop, {}});
    Clock::time_point due = Clock::now();
    while (!stop.stop_requested()) {
        std::deque<Task> tasks;
        bool woken = false;
        {
            std::unique_lock lock(m_mutex);
            // Capped: a far time_point may overflow the monotonic clock's conversion inside the wait.
            const auto until = std::min(due, Clock::now() + std::chrono::hours(1));
            m_wake.wait_until(lock, stop, until, [this] { return !m_tasks.empty() || m_woken; });
            if (stop.stop_requested()) break;
            tasks.swap(m_tasks);
            woken = std::exchange(m_woken, false);
        }
        for (auto& task : tasks) {
            if (stop.stop_requested()) break;
            task(stop);
        }
        if (stop.stop_requested()) break;
        if ((woken || Clock::now() >= due) && m_timed) due = m_timed(stop);
        if (!m_timed) due = Clock::time_point::max();
    }
    if (m_farewell) {
        // A last word to the portal (a lease released): a short budget, no retries, not cancelled.
        m_client.setBounds({{}, m_farewellBudget});
        m_farewell();
    }
}

} // namespace bhxh::declarations
