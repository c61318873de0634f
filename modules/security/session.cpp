#include "security/session.h"

#include "security/permissions.h"

namespace bhxh::security {

Session::Session(Officer officer, LoginGuard& guard, std::chrono::steady_clock::duration idleTimeout,
                 IdleLock::SteadyClock clock)
    : m_officer(std::move(officer)),
      m_guard(guard),
      m_idle(
          idleTimeout,
          [this](const std::string& password) -> Result<void> {
              auto again = m_guard.login(m_officer.id, password, "unlock");
              if (!again) return again.error();
              return {};
          },
          std::move(clock)) {}

Result<std::string> Session::authorize(Action action) {
    if (m_idle.locked()) {
        return makeError("security.locked", "the desk is locked after a pause; " + m_officer.id +
                                                " must enter their password to continue");
    }
    if (!Permissions::allows(m_officer.role, action)) {
        return makeError("security.denied", "a " + std::string(toString(m_officer.role)) + " may not do '" +
                                                std::string(action.name()) + "'");
    }
    return m_officer.id;
}

Result<std::string> Session::confirmOfficer(const std::string& officerId, const std::string& password) {
    if (m_idle.locked()) {
        return makeError("security.locked", "the desk is locked after a pause; unlock it first");
    }
    if (officerId == m_officer.id) {
        return makeError("security.same_officer", "the second officer must be someone other than " + m_officer.id);
    }
    auto second = m_guard.login(officerId, password, "four-eyes for " + m_officer.id);
    if (!second) return second.error();
    return second->id;
}

AuthorizeFn Session::authorizer() {
    return [this](Action action) { return authorize(action); };
}

ConfirmOfficerFn Session::confirmer() {
    return [this](const std::string& officerId, const std::string& password) {
        return confirmOfficer(officerId, password);
    };
}

} // namespace bhxh::security
