#include "app/first_admin.h"

#include <cstdlib>

namespace bhxh::app {

FirstAdmin::EnvReader FirstAdmin::processEnvironment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value || !*value) return std::nullopt;
        return std::string(value);
    };
}

Result<FirstAdmin::Outcome> FirstAdmin::ensure(security::OfficerRepository& officers,
                                               const security::PasswordHasher& hasher, const EnvReader& env) {
    auto count = officers.count();
    if (!count) return count.error();
    if (*count > 0) return Outcome::AlreadyPresent;

    const auto id = env("BHXH_ADMIN_ID");
    auto password = env("BHXH_ADMIN_PASSWORD");
    if (!id || !password) {
        if (password) security::PasswordHasher::wipe(*password);
        return makeError("security.no_officer",
                         "no officer account yet: run `bhxh-desk officer add ID --name \"Full Name\" --role admin` "
                         "(or set BHXH_ADMIN_ID and BHXH_ADMIN_PASSWORD for an unattended install)");
    }
    if (auto ok = security::validateOfficerId(*id); !ok) {
        security::PasswordHasher::wipe(*password);
        return makeError(ok.error().code, "BHXH_ADMIN_ID: " + ok.error().message);
    }
    security::Officer admin;
    admin.id = *id;
    admin.displayName = env("BHXH_ADMIN_NAME").value_or(*id);
    admin.role = security::Role::Admin;
    if (auto ok = security::validateDisplayName(admin.displayName); !ok) {
        security::PasswordHasher::wipe(*password);
        return makeError(ok.error().code, "BHXH_ADMIN_NAME: " + ok.error().message);
    }
    auto hash = hasher.hash(*password);
    security::PasswordHasher::wipe(*password);
    if (!hash) return makeError(hash.error().code, "BHXH_ADMIN_PASSWORD: " + hash.error().message);
    const AuditEvent audit{"officer", "install", admin.id, "add role=admin (first administrator, from the environment)",
                           std::chrono::system_clock::now()};
    if (auto added = officers.add(admin, *hash, audit); !added) return added.error();
    return Outcome::Created;
}

} // namespace bhxh::app
