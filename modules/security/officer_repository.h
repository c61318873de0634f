#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "security/officer.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::security {

/// Officer accounts. Implemented by the store. Changes made by a person carry the AuditEvent
/// that records them, and the implementation commits the two together; the login counters are
/// written by LoginGuard, which audits them itself.
class OfficerRepository {
public:
    virtual ~OfficerRepository() = default;

    /// The officer, or nullopt when no account has that id.
    virtual Result<std::optional<Officer>> find(const std::string& id) = 0;
    /// Every account, ordered by id.
    virtual Result<std::vector<Officer>> list() = 0;
    /// How many accounts exist (disabled ones included).
    virtual Result<std::int64_t> count() = 0;
    /// The stored argon2id string, or nullopt for an unknown id. Only LoginGuard asks.
    virtual Result<std::optional<std::string>> passwordHash(const std::string& id) = 0;

    /// Creates the account; fails with "security.officer_exists" when the id is taken.
    virtual Result<void> add(const Officer& officer, const std::string& passwordHash, const AuditEvent& audit) = 0;
    /// Disables or re-enables; "security.unknown_officer" for an unknown id.
    virtual Result<void> setDisabled(const std::string& id, bool disabled, const AuditEvent& audit) = 0;
    /// Replaces the password hash and clears the failure counter and any lockout.
    virtual Result<void> setPasswordHash(const std::string& id, const std::string& passwordHash,
                                         const AuditEvent& audit) = 0;

    /// Adds one to the consecutive-failure counter and returns the new value. Kept in the
    /// database so that restarting the desk does not reset an attacker's count.
    virtual Result<int> recordFailedLogin(const std::string& id, std::chrono::system_clock::time_point at) = 0;
    /// Starts a lockout until `until` and sets the counter back to zero.
    virtual Result<void> lockUntil(const std::string& id, std::chrono::system_clock::time_point until,
                                   std::chrono::system_clock::time_point at) = 0;
    /// A correct password: counter to zero, lockout cleared.
    virtual Result<void> recordSuccessfulLogin(const std::string& id, std::chrono::system_clock::time_point at) = 0;
};

} // namespace bhxh::security
