#include "declarations/declaration_rules.h"

#include "common/unicode_text.h"
#include "declarations/rfc3339.h"

#include <algorithm>

namespace bhxh::declarations {
namespace {

bool tenDigits(const std::string& s) {
    return s.size() == 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

RuleCheck contactRule(const char* rule, const char* reason, const std::optional<bool>& usedByOther) {
    RuleCheck r{rule, true, usedByOther.has_value(), reason, {}};
    if (usedByOther) r.ok = !*usedByOther;
    return r;
}

} // namespace

std::optional<int> daysLeft(const Declaration& d, std::chrono::system_clock::time_point now) {
    return daysLeftUntil(d.expiresAt, now);
}

std::optional<int> daysLeftUntil(std::string_view expiresAt, std::chrono::system_clock::time_point now) {
    const auto expires = parseRfc3339(expiresAt);
    if (!expires) return std::nullopt;
    const auto left = std::chrono::floor<std::chrono::hours>(*expires - now).count();
    // floor division: 1 hour before the end is day 0; 1 hour after it is day -1.
    return static_cast<int>(left >= 0 ? left / 24 : -((-left + 23) / 24));
}

std::vector<RuleCheck> checkRules(const Declaration& d, std::chrono::system_clock::time_point now,
                                  const ContactUse& contacts) {
    std::vector<RuleCheck> out;
    out.push_back({"name_diacritics", text::hasDiacritics(d.fullName), true, "name_no_diacritics", {}});
    out.push_back({"bhxh_code_format", tenDigits(d.bhxhCode), true, "bhxh_code_wrong", {}});
    if (!d.phone.empty()) out.push_back(contactRule("phone_unique", "phone_in_use", contacts.phoneUsedByOther));
    if (d.email && !d.email->empty()) out.push_back(contactRule("email_unique", "email_in_use", contacts.emailUsedByOther));
    RuleCheck deadline{"deadline", true, true, "", {}};
    if (const auto left = daysLeft(d, now)) {
        deadline.ok = *left >= 0 && d.status != DeclarationStatus::Expired;
        deadline.params["days"] = std::to_string(std::max(*left, 0));
    } else {
        deadline.known = false;
    }
    out.push_back(deadline);
    if (d.kind == DeclarationKind::MinorViaGuardian) {
        const bool ok = d.guardian && !d.guardian->fullName.empty() && !d.guardian->idNumber.empty();
        out.push_back({"guardian", ok, true, "guardian_invalid", {}});
    }
    return out;
}

} // namespace bhxh::declarations
