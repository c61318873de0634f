#pragma once
#include <chrono>

namespace bhxh::ui {

/// A character key as a text field received it, and when (the scanner test times a handheld
/// scanner's keys the way the desk does).
struct TimedKey {
    char32_t codepoint = 0;
    std::chrono::steady_clock::time_point at;
};

} // namespace bhxh::ui
