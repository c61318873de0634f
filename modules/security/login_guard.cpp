#include "security/login_guard.h"

#include "common/log.h"

#include <ctime>

namespace bhxh::security {

std::string formatLocalTime(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buffer[32];
    const std::size_t n = std::strftime(buffer, sizeof buffer, "%H:%M:%S %d/%m/%Y", &tm);
    return std::string(buffer, n);
}

LoginGuard::LoginGuard(OfficerRepository& officers, AuditLog& audit, const PasswordHasher& hasher, LoginPolicy policy,
                       Clock clock)
    : m_officers(officers), m_audit(audit), m_hasher(hasher), m_policy(policy), m_clock(std::move(clock)) {
    if (m_policy.maxFailures < 1) m_policy.maxFailures = 1;
}

Error LoginGuard::lockedError(std::chrono::system_clock::time_point until) const {
    return makeError(login_error::kLocked, "the account is locked after " + std::to_string(m_policy.maxFailures) +
                                               " wrong passwords until " + formatLocalTime(until));
}

void LoginGuard::note(const std::string& kind, const std::string& officerId, const std::string& detail) {
    // A failed audit write is logged, not returned: the answer the officer gets (signed in,
    // wrong password, locked) stays the one the password earned. This function never sees the
    // password, so it cannot leak into the entry.
    auto appended = m_audit.append(AuditEvent{kind, officerId, officerId, detail, m_clock()});
    if (!appended) log::error("audit entry '" + kind + "' for " + officerId + " not written: " + appended.error().describe());
}

void LoginGuard::burnVerify(const std::string& password) {
    if (!m_dummyHash) {
        auto dummy = m_hasher.hash("bhxh-desk-no-such-officer");
        m_dummyHash = dummy ? std::move(dummy).value() : std::string();
    }
    (void)m_hasher.verify(*m_dummyHash, password);
}

Result<Officer> LoginGuard::login(const std::string& officerId, const std::string& password,
                                  const std::string& purpose) {
    const auto now = m_clock();
    auto found = m_officers.find(officerId);
    if (!found) return found.error();
    if (!*found) {
        burnVerify(password);
        // What was typed as an id is not recorded: it is sometimes the password, typed in the
        // wrong field.
        note("login_failed", "", purpose + ": unknown officer id");
        return makeError(login_error::kBadCredentials, "wrong officer id or password");
    }
    Officer officer = **found;
    if (officer.disabled) {
        note("login_failed", officer.id, purpose + ": account disabled");
        return makeError(login_error::kDisabled, "the account " + officer.id + " is disabled; ask an administrator");
    }
    if (officer.lockedAt(now)) {
        // Attempts during a lockout are not counted (they would only extend it) and the password
        // is not even checked, so a guesser learns nothing until it ends.
        note("login_failed", officer.id, purpose + ": account locked");
        return lockedError(officer.lockedUntil);
    }
    auto hash = m_officers.passwordHash(officer.id);
    if (!hash) return hash.error();
    if (!*hash || !m_hasher.verify(**hash, password)) {
        auto failures = m_officers.recordFailedLogin(officer.id, now);
        if (!failures) return failures.error();
        if (*failures >= m_policy.maxFailures) {
            const auto until = now + m_policy.lockout;
            if (auto locked = m_officers.lockUntil(officer.id, until, now); !locked) return locked.error();
            note("login_failed", officer.id,
                 purpose + ": wrong password (" + std::to_string(*failures) + "/" + std::to_string(m_policy.maxFailures) + ")");
            note("lockout", officer.id, "locked until " + formatLocalTime(until));
            return lockedError(until);
        }
        note("login_failed", officer.id,
             purpose + ": wrong password (" + std::to_string(*failures) + "/" + std::to_string(m_policy.maxFailures) + ")");
        return makeError(login_error::kBadCredentials, "wrong officer id or password");
    }
    if (officer.failedLogins != 0 || officer.lockedUntil.time_since_epoch().count() != 0) {
        if (auto reset = m_officers.recordSuccessfulLogin(officer.id, now); !reset) return reset.error();
        officer.failedLogins = 0;
        officer.lockedUntil = {};
    }
    note("login", officer.id, purpose);
    return officer;
}

} // namespace bhxh::security
