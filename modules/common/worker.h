#pragma once
#include <functional>
#include <stop_token>
#include <string>
#include <thread>

namespace bhxh {

/// A named background thread that is always joined, never detached.
/// The body receives a stop_token and must return soon after stop is requested; stop() and the
/// destructor request stop and join, so a Worker can never outlive the objects it uses.
class Worker {
public:
    using Body = std::function<void(std::stop_token)>;

    Worker() = default;
    explicit Worker(std::string name) : m_name(std::move(name)) {}
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    /// Starts the thread. A Worker runs one body at a time: starting a running one is a bug.
    void start(Body body);
    /// Requests stop without waiting (stop() joins later). Safe on a Worker never started.
    void requestStop() { m_thread.request_stop(); }
    /// Requests stop and joins. Safe to call twice, and on a Worker never started.
    void stop();
    /// True between start() and the end of stop().
    [[nodiscard]] bool running() const { return m_thread.joinable(); }
    [[nodiscard]] const std::string& name() const { return m_name; }

private:
    std::string m_name;
    std::jthread m_thread;
};

} // namespace bhxh
