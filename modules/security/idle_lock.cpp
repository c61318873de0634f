#include "security/idle_lock.h"

namespace bhxh::security {

IdleLock::IdleLock(std::chrono::steady_clock::duration timeout, PasswordCheck check, SteadyClock clock)
    : m_timeout(timeout), m_check(std::move(check)), m_clock(std::move(clock)), m_lastInput(m_clock()) {}

void IdleLock::touch() {
    if (!locked()) m_lastInput = m_clock();
}

bool IdleLock::locked() {
    // Sticky: once the timeout passed, input alone must not unlock, even if locked() was not
    // asked at the exact moment the timeout ran out.
    if (!m_locked && m_timeout > std::chrono::steady_clock::duration::zero() && m_clock() - m_lastInput >= m_timeout) {
        m_locked = true;
    }
    return m_locked;
}

Result<void> IdleLock::unlock(const std::string& password) {
    if (!locked()) return {};
    if (!m_check) return makeError("security.locked", "the desk is locked and cannot check a password");
    if (auto ok = m_check(password); !ok) return ok.error();
    m_locked = false;
    m_lastInput = m_clock();
    return {};
}

void IdleLock::unlockVerified() {
    m_locked = false;
    m_lastInput = m_clock();
}

std::chrono::steady_clock::duration IdleLock::remaining() {
    if (locked()) return std::chrono::steady_clock::duration::zero();
    if (m_timeout <= std::chrono::steady_clock::duration::zero()) return std::chrono::steady_clock::duration::max();
    return m_timeout - (m_clock() - m_lastInput);
}

} // namespace bhxh::security
