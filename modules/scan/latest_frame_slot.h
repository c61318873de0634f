#pragma once
#include "scan/frame_source.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>

namespace bhxh::scan {

/// One frame between the camera worker and the decoder worker. put() replaces whatever is
/// waiting (the decoder always gets the newest frame, never a backlog); take() waits for one.
class LatestFrameSlot {
public:
    /// Stores frame, dropping the one not yet taken. Never blocks on the reader.
    void put(Frame frame);
    /// Waits until a frame is there (then takes it), stop is requested, the slot is closed, or
    /// the timeout passes; nullopt in the last three cases.
    std::optional<Frame> take(std::stop_token stop, std::chrono::milliseconds timeout);
    /// No more frames will come (a finite source ended); take() returns nullopt once empty.
    void close();
    /// Reopens a closed slot (a new source).
    void reopen();
    [[nodiscard]] bool closed() const;
    /// Frames put since construction, and those replaced before anyone took them.
    [[nodiscard]] std::uint64_t putCount() const;
    [[nodiscard]] std::uint64_t droppedCount() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable_any m_ready;
    std::optional<Frame> m_frame;
    bool m_closed = false;
    std::uint64_t m_put = 0;
    std::uint64_t m_dropped = 0;
};

} // namespace bhxh::scan
