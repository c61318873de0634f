#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace bhxh::security {

/// What an officer is at the office. Stored as its lower-case name ("clerk", ...), which the
/// officers table's CHECK constraint also lists.
enum class Role { Clerk, Supervisor, Admin };

/// "clerk", "supervisor" or "admin".
[[nodiscard]] std::string_view toString(Role role);
/// The inverse of toString; nullopt for anything else (case-sensitive, as stored).
[[nodiscard]] std::optional<Role> parseRole(std::string_view text);

} // namespace bhxh::security
