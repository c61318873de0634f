#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "security/officer.h"
#include "security/officer_repository.h"
#include "security/password_hasher.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace bhxh::security {

/// Error codes LoginGuard returns.
namespace login_error {
inline constexpr const char* kBadCredentials = "security.bad_credentials";
inline constexpr const char* kLocked = "security.locked";
inline constexpr const char* kDisabled = "security.disabled";
} // namespace login_error

/// How many wrong passwords lock an account, and for how long.
struct LoginPolicy {
    int maxFailures = 5;
    std::chrono::minutes lockout{5};
};

/// Checks an officer's password against the repository, counts consecutive failures there (so a
/// restart does not reset them), locks the account after policy.maxFailures for policy.lockout,
/// refuses disabled accounts, and audits every attempt ("login", "login_failed", "lockout").
/// The password never appears in an error, a log line or an audit entry.
///
/// Each call runs argon2id (tens to hundreds of milliseconds) and SQLite writes: call it from a
/// worker that owns the repository's connection, not from draw().
class LoginGuard {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    LoginGuard(OfficerRepository& officers, AuditLog& audit, const PasswordHasher& hasher, LoginPolicy policy = {},
               Clock clock = [] { return std::chrono::system_clock::now(); });

    /// Signs `officerId` in. `purpose` goes into the audit detail ("desk", "unlock", "four-eyes").
    /// Errors: security.bad_credentials (unknown id or wrong password), security.locked (the
    /// message says until when, local time), security.disabled, or a store error.
    Result<Officer> login(const std::string& officerId, const std::string& password,
                          const std::string& purpose = "desk");

    [[nodiscard]] const LoginPolicy& policy() const { return m_policy; }

private:
    Error lockedError(std::chrono::system_clock::time_point until) const;
    void note(const std::string& kind, const std::string& officerId, const std::string& detail);
    // Spends the same argon2id time for an unknown id as for a known one, so that response time
    // does not tell which ids exist.
    void burnVerify(const std::string& password);

    OfficerRepository& m_officers;
    AuditLog& m_audit;
    const PasswordHasher& m_hasher;
    LoginPolicy m_policy;
    Clock m_clock;
    std::optional<std::string> m_dummyHash;
};

/// "HH:MM:SS dd/mm/yyyy" in local time: how lockout ends are shown to an officer.
[[nodiscard]] std::string formatLocalTime(std::chrono::system_clock::time_point t);

} // namespace bhxh::security
