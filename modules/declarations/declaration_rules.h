#pragma once
#include "declarations/declaration.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// What is known locally about the declaration's contacts being used for another BHXH code
/// (the seeds' rule: one phone ↔ one code, one e-mail ↔ one account). nullopt = not checked.
struct ContactUse {
    std::optional<bool> phoneUsedByOther;
    std::optional<bool> emailUsedByOther;
};

/// One business rule checked on a declaration. The desk shows lang key "rule.<rule>" with the
/// params; `ok` false is a reason to reject (`reasonCode` suggests which).
struct RuleCheck {
    std::string rule;  ///< name_diacritics | bhxh_code_format | phone_unique | email_unique | deadline | guardian
    bool ok = true;
    bool known = true;  ///< false when it could not be checked (shown as "not checked")
    std::string reasonCode;
    std::map<std::string, std::string> params;
};

/// Whole days left before the declaration is deleted (expires_at), rounded down; negative once
/// expired; nullopt when expires_at is not a valid time.
[[nodiscard]] std::optional<int> daysLeft(const Declaration& declaration, std::chrono::system_clock::time_point now);
/// daysLeft for an expires_at value alone (the queue reads only that column).
[[nodiscard]] std::optional<int> daysLeftUntil(std::string_view expiresAt, std::chrono::system_clock::time_point now);

/// The rules of Form 01 the clerk must see before deciding: the name is written with its
/// diacritics, the BHXH code is 10 digits, the phone and e-mail are not another code's, the
/// 10-day deadline has not passed, and a minor's declaration names a guardian.
[[nodiscard]] std::vector<RuleCheck> checkRules(const Declaration& declaration, std::chrono::system_clock::time_point now,
                                                const ContactUse& contacts);

} // namespace bhxh::declarations
