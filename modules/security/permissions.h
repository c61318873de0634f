#pragma once
#include "common/action.h"
#include "security/role.h"

namespace bhxh::security {

/// Which role may do which action (common/action.h; a misspelt action does not compile).
class Permissions {
public:
    /// True when `role` may do `action`.
    [[nodiscard]] static bool allows(Role role, Action action);
};

} // namespace bhxh::security
