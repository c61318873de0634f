#include "scan/latest_frame_slot.h"

namespace bhxh::scan {

void LatestFrameSlot::put(Frame frame) {
    std::optional<Frame> old;  // released outside the lock: freeing a 1080p Mat is not free
    {
        std::lock_guard lock(m_mutex);
        if (m_frame) {
            ++m_dropped;
            old = std::move(m_frame);
        }
        m_frame = std::move(frame);
        ++m_put;
    }
    m_ready.notify_one();
}

std::optional<Frame> LatestFrameSlot::take(std::stop_token stop, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    m_ready.wait_for(lock, stop, timeout, [this] { return m_frame.has_value() || m_closed; });
    if (!m_frame) return std::nullopt;
    std::optional<Frame> out = std::move(m_frame);
    m_frame.reset();
    return out;
}

void LatestFrameSlot::close() {
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_ready.notify_all();
}

void LatestFrameSlot::reopen() {
    std::lock_guard lock(m_mutex);
    m_closed = false;
}

bool LatestFrameSlot::closed() const {
    std::lock_guard lock(m_mutex);
    return m_closed;
}

std::uint64_t LatestFrameSlot::putCount() const {
    std::lock_guard lock(m_mutex);
    return m_put;
}

std::uint64_t LatestFrameSlot::droppedCount() const {
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

} // namespace bhxh::scan
