#pragma once
#include "common/result.h"

#include <chrono>
#include <functional>
#include <string>

namespace bhxh::security {

/// Locks the desk after a stretch without keyboard or mouse input. Pure logic: the UI calls
/// touch() on input and asks locked() each frame; unlock() hands the password to a check
/// (LoginGuard for the officer at the desk) and never stores it.
class IdleLock {
public:
    using SteadyClock = std::function<std::chrono::steady_clock::time_point()>;
    /// Verifies the desk officer's password; an Error keeps the desk locked.
    using PasswordCheck = std::function<Result<void>(const std::string& password)>;

    /// `timeout` zero or negative never locks by itself (lockNow() still does).
    IdleLock(std::chrono::steady_clock::duration timeout, PasswordCheck check,
             SteadyClock clock = [] { return std::chrono::steady_clock::now(); });

    /// Input happened. Ignored while locked: only the password unlocks.
    void touch();
    /// True once the idle time reached the timeout, until unlock() succeeds.
    [[nodiscard]] bool locked();
    /// Locks at once (e.g. the officer stepped away and pressed the lock key).
    void lockNow() { m_locked = true; }
    /// Checks the password; on success the desk is unlocked and the idle time starts again.
    Result<void> unlock(const std::string& password);
    /// Unlocks after the caller checked the desk officer's password itself, e.g. with LoginGuard
    /// on a worker thread, so that the slow check never runs while the UI waits on this lock.
    void unlockVerified();
    /// Time left before the lock, zero when locked (for a countdown in the status bar).
    [[nodiscard]] std::chrono::steady_clock::duration remaining();

private:
    std::chrono::steady_clock::duration m_timeout;
    PasswordCheck m_check;
    SteadyClock m_clock;
    std::chrono::steady_clock::time_point m_lastInput;
    bool m_locked = false;
};

} // namespace bhxh::security
