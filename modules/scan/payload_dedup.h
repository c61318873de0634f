#pragma once
#include <chrono>
#include <string>
#include <unordered_map>

namespace bhxh::scan {

/// Drops a payload seen again within the window: a card held in front of the camera is read
/// many times a second, and a scanner may fire twice. Not thread-safe (the caller locks).
class PayloadDedup {
public:
    using Clock = std::chrono::steady_clock;

    explicit PayloadDedup(std::chrono::milliseconds window) : m_window(window) {}

    /// True when text is new, or its last sighting is older than the window. Every sighting
    /// (accepted or not) restarts its window, so a card left in view is reported once.
    bool accept(const std::string& text, Clock::time_point now);
    /// Forgets everything (e.g. the clerk asks to scan the same card again).
    void reset() { m_lastSeen.clear(); }
    [[nodiscard]] std::chrono::milliseconds window() const { return m_window; }

private:
    std::chrono::milliseconds m_window;
    std::unordered_map<std::string, Clock::time_point> m_lastSeen;
};

} // namespace bhxh::scan
