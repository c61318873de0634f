#pragma once
#include "ui_model/timed_key.h"

#include <chrono>
#include <cstddef>
#include <vector>

namespace bhxh::ui {

/// The character keys and Enter presses of one UI frame, each stamped with when it reached the
/// desk, in the order typed. A handheld scanner types 3–8 ms apart; a frame lasts 16–80 ms, so
/// a stamp taken per frame would make every scanner look like a person.
///
/// The window loop reports each key as the window system delivers it (key(), enter()), between
/// beginLook() and endLook() around its wait for input. Keys that arrive while the loop waits are
/// stamped as they come. Keys that queued up while the loop was drawing a frame are all delivered
/// at once when it next looks: they arrived at unknown moments between the end of the previous
/// look and this one, so they are spread evenly over that time. A person types one or two keys
/// in a frame and stays slow; a scanner's dozen keys get their real pace back.
class TypedKeys {
public:
    using Clock = std::chrono::steady_clock;
    /// Keys delivered this soon after a look began were already waiting (GLFW hands over a
    /// queue of events in microseconds).
    static constexpr std::chrono::milliseconds kQueuedWithin{3};

    /// The loop starts looking for input (glfwWaitEventsTimeout) at `now`.
    void beginLook(Clock::time_point now);
    /// It is done looking, at `now`: keys that were waiting get their spread stamps.
    void endLook(Clock::time_point now);

    /// A character delivered at `now`.
    void key(char32_t codepoint, Clock::time_point now);
    /// Enter pressed at `now`.
    void enter(Clock::time_point now);

    /// Starts a frame: what was delivered since the last call becomes this frame's keys.
    void nextFrame();
    /// This frame's keys in the order typed (Enter as TimedKey::kEnter).
    [[nodiscard]] const std::vector<TimedKey>& frame() const { return m_frame; }

    /// No keys at all (views drawn outside the window, e.g. benchmarks).
    [[nodiscard]] static const TypedKeys& none();

private:
    std::vector<TimedKey> m_pending;  // delivered since the last nextFrame()
    std::vector<TimedKey> m_frame;
    Clock::time_point m_lookBegan{};
    Clock::time_point m_lastLookEnded{};
    std::size_t m_lookFrom = 0;  // index in m_pending of the first key of this look
};

} // namespace bhxh::ui
