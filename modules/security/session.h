#pragma once
#include "common/access_hooks.h"
#include "common/result.h"
#include "security/idle_lock.h"
#include "security/login_guard.h"
#include "security/officer.h"

#include <chrono>
#include <string>
#include <string_view>

namespace bhxh::security {

/// The officer signed in at the desk: answers the views' permission questions (AuthorizeFn),
/// checks a second officer for four-eyes approvals (ConfirmOfficerFn) and owns the idle lock.
///
/// The functions it hands out capture `this`: the Session must outlive the views holding them.
/// confirmOfficer() and unlock() run argon2id and SQLite through LoginGuard (see its note on
/// threads).
class Session {
public:
    Session(Officer officer, LoginGuard& guard, std::chrono::steady_clock::duration idleTimeout,
            IdleLock::SteadyClock clock = [] { return std::chrono::steady_clock::now(); });
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    [[nodiscard]] const Officer& officer() const { return m_officer; }
    [[nodiscard]] IdleLock& idleLock() { return m_idle; }

    /// The officer's id when their role may do `action` now; "security.locked" while the idle
    /// lock is on, "security.denied" when the role may not (or the action is unknown).
    Result<std::string> authorize(Action action);
    /// Four-eyes: the second officer's id when `password` is theirs. Any active officer other
    /// than the one at the desk may confirm, whatever their role: the point is a second person
    /// looking at the citizen, and small offices often have one supervisor. Refused with
    /// "security.same_officer" for the desk officer themself, "security.locked" while the desk
    /// is idle-locked, else LoginGuard's errors (wrong password, locked, disabled), which also
    /// count towards the second officer's lockout.
    Result<std::string> confirmOfficer(const std::string& officerId, const std::string& password);

    /// authorize() as the hook the views take.
    [[nodiscard]] AuthorizeFn authorizer();
    /// confirmOfficer() as the hook the views take.
    [[nodiscard]] ConfirmOfficerFn confirmer();

private:
    Officer m_officer;
    LoginGuard& m_guard;
    IdleLock m_idle;
};

} // namespace bhxh::security
