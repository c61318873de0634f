#include "ui/typed_keys.h"

namespace bhxh::ui {

void TypedKeys::beginLook(Clock::time_point now) {
    m_lookBegan = now;
    if (m_lastLookEnded == Clock::time_point{}) m_lastLookEnded = now;  // first look: nothing was drawn before
    m_lookFrom = m_pending.size();
}

void TypedKeys::endLook(Clock::time_point now) {
    // The keys delivered at once when the look began were waiting since the last look ended:
    // key i of n is put at the i-th n-th of that time.
    std::size_t waiting = 0;
    while (m_lookFrom + waiting < m_pending.size() && m_pending[m_lookFrom + waiting].at - m_lookBegan <= kQueuedWithin) {
        ++waiting;
    }
    const auto span = m_lookBegan - m_lastLookEnded;
    for (std::size_t i = 0; i < waiting; ++i) {
        m_pending[m_lookFrom + i].at =
            m_lastLookEnded + span * static_cast<long>(i + 1) / static_cast<long>(waiting);
    }
    m_lastLookEnded = now;
    m_lookFrom = m_pending.size();
}

void TypedKeys::key(char32_t codepoint, Clock::time_point now) { m_pending.push_back({codepoint, now}); }

void TypedKeys::enter(Clock::time_point now) { m_pending.push_back({TimedKey::kEnter, now}); }

void TypedKeys::nextFrame() {
    m_frame.swap(m_pending);
    m_pending.clear();
    m_lookFrom = 0;
}

const TypedKeys& TypedKeys::none() {
    static const TypedKeys empty;
    return empty;
}

} // namespace bhxh::ui
