#pragma once
#include "common/result.h"
#include "security/officer_repository.h"
#include "security/password_hasher.h"

#include <functional>
#include <optional>
#include <string>

namespace bhxh::app {

/// The first administrator of a fresh desk. The console calls ensure() after opening the store:
/// with officers already present it does nothing; with none it creates an admin from
/// BHXH_ADMIN_ID + BHXH_ADMIN_PASSWORD (+ BHXH_ADMIN_NAME) for unattended installs, and
/// otherwise fails with the command to run.
class FirstAdmin {
public:
    /// Reads one environment variable; nullopt when unset or empty.
    using EnvReader = std::function<std::optional<std::string>(const std::string& name)>;

    enum class Outcome {
        AlreadyPresent,  ///< the officers table was not empty: nothing done
        Created,         ///< an admin was created from the environment
    };

    /// Errors: "security.no_officer" (no officer and no environment: the message says to run
    /// `bhxh-desk officer add ID --role admin`), the id/name/password checks, or a store error.
    /// The caller unsets BHXH_ADMIN_PASSWORD afterwards, whatever the outcome, so that the
    /// console's children do not inherit it (this function reads through `env` and cannot tell
    /// the real environment from a test's).
    static Result<Outcome> ensure(security::OfficerRepository& officers, const security::PasswordHasher& hasher,
                                  const EnvReader& env = processEnvironment());

    /// getenv(3), treating an empty value as unset.
    static EnvReader processEnvironment();
};

} // namespace bhxh::app
