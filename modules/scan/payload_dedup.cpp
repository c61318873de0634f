#include "scan/payload_dedup.h"

namespace bhxh::scan {

bool PayloadDedup::accept(const std::string& text, Clock::time_point now) {
    // Forget old entries so the map stays as small as the number of cards in one window.
    for (auto it = m_lastSeen.begin(); it != m_lastSeen.end();) {
        it = (now - it->second > m_window) ? m_lastSeen.erase(it) : std::next(it);
    }
    auto [it, inserted] = m_lastSeen.try_emplace(text, now);
    if (inserted) return true;
    it->second = now;
    return false;
}

} // namespace bhxh::scan
