#pragma once
#include "common/result.h"
#include "security/role.h"

#include <chrono>
#include <string>
#include <string_view>

namespace bhxh::security {

/// An officer account as the rest of the desk sees it. The password hash is deliberately not a
/// member: it leaves the repository only for LoginGuard (OfficerRepository::passwordHash), so a
/// view or a listing holding an Officer cannot show or log it.
struct Officer {
    std::string id;           ///< e.g. "q6.nguyenvana": lower-case letters, digits, '.', '_', '-'
    std::string displayName;  ///< NFC UTF-8, e.g. "Nguyễn Văn A"
    Role role = Role::Clerk;
    bool disabled = false;
    int failedLogins = 0;     ///< consecutive wrong passwords since the last success or lockout
    std::chrono::system_clock::time_point lockedUntil{};  ///< epoch = not locked
    std::chrono::system_clock::time_point createdAt{};
    std::chrono::system_clock::time_point updatedAt{};

    /// True while a lockout is running at `now`.
    [[nodiscard]] bool lockedAt(std::chrono::system_clock::time_point now) const { return lockedUntil > now; }
};

/// Checks an officer id: 1–64 characters of a–z, 0–9, '.', '_', '-', starting with a letter or
/// digit. Ids appear in audit entries and file names, so the alphabet is kept small.
Result<void> validateOfficerId(std::string_view id);

/// Checks a display name: valid UTF-8, 1–100 characters, no control characters.
Result<void> validateDisplayName(std::string_view name);

} // namespace bhxh::security
