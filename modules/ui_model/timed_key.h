#pragma once
#include <chrono>

namespace bhxh::ui {

/// A character key as the window system delivered it, and when (the desk's handheld-scanner
/// assembly and the settings screen's scanner test time a scanner's keys from these stamps).
struct TimedKey {
    /// The Enter key. The window system never delivers a control character as text, so this
    /// code point cannot be confused with a typed character.
    static constexpr char32_t kEnter = U'\r';

    char32_t codepoint = 0;
    std::chrono::steady_clock::time_point at;

    [[nodiscard]] bool isEnter() const { return codepoint == kEnter; }
};

} // namespace bhxh::ui
