#pragma once
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace bhxh::scan {

/// How a keyboard-wedge scanner is told from a person. Scanners type a whole payload with a
/// few milliseconds between keys; people need 80 ms and more.
struct WedgeTiming {
    std::chrono::milliseconds maxKeyGap{35};   ///< longer gap → the keys so far were typed by hand
    std::size_t minLength = 8;                 ///< shorter bursts (a fast typist's word) are not scans
};

/// Assembles fast keystrokes ending in Enter into one scan. Timestamps are passed in, so tests
/// (and the UI, which knows when each key event arrived) decide the clock.
class WedgeAssembler {
public:
    using Clock = std::chrono::steady_clock;

    explicit WedgeAssembler(WedgeTiming timing = {}) : m_timing(timing) {}

    /// A character key (one Unicode code point; Vietnamese letters come as one code point each).
    void key(char32_t codepoint, Clock::time_point at);
    /// Enter: the assembled payload when the burst was fast and long enough, else nullopt (the
    /// keys were a person typing; the buffer is cleared either way).
    std::optional<std::string> enter(Clock::time_point at);
    /// Drops a half-assembled burst (e.g. the focus moved).
    void reset();
    /// Code points in the current burst.
    [[nodiscard]] std::size_t pending() const { return m_count; }

private:
    WedgeTiming m_timing;
    std::string m_buffer;   // UTF-8
    std::size_t m_count = 0;
    std::optional<Clock::time_point> m_last;
};

} // namespace bhxh::scan
