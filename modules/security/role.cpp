#include "security/role.h"

namespace bhxh::security {

std::string_view toString(Role role) {
    switch (role) {
    case Role::Clerk: return "clerk";
    case Role::Supervisor: return "supervisor";
    case Role::Admin: return "admin";
    }
    return "clerk";
}

std::optional<Role> parseRole(std::string_view text) {
    if (text == "clerk") return Role::Clerk;
    if (text == "supervisor") return Role::Supervisor;
    if (text == "admin") return Role::Admin;
    return std::nullopt;
}

} // namespace bhxh::security
