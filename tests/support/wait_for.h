#pragma once
// Polling for tests that wait on another thread or process.
#include <chrono>
#include <thread>

namespace bhxh::test {

/// Polls `condition` every `step` until it holds (true) or `timeout` passes (false); the test
/// then checks what it needs.
template <class F>
bool waitFor(F condition, std::chrono::milliseconds timeout = std::chrono::seconds(30),
             std::chrono::milliseconds step = std::chrono::milliseconds(10)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(step);
    }
    return true;
}

} // namespace bhxh::test
