#pragma once
#include "security/role.h"

#include <string_view>
#include <vector>

namespace bhxh::security {

/// Which role may do which action. The actions are the strings the views pass to AuthorizeFn
/// (common/access_hooks.h). The table is closed: an action it does not name is denied to every
/// role, so a typo in a view fails safe.
class Permissions {
public:
    /// True when `role` may do `action`.
    [[nodiscard]] static bool allows(Role role, std::string_view action);
    /// Every action the table knows, for tests and the README's table.
    [[nodiscard]] static const std::vector<std::string_view>& knownActions();
};

} // namespace bhxh::security
