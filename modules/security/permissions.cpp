#include "security/permissions.h"

#include <array>

namespace bhxh::security {
namespace {

struct Rule {
    std::string_view action;
    bool clerk;
    bool supervisor;
    bool admin;
};

// Clerks decide and reveal at the desk; supervisors also see the trail, export and handle the
// outbox and re-check sampled approvals (qa.review); only an admin changes settings and officer accounts.
constexpr std::array<Rule, 9> kRules{{
    {"decide", true, true, true},
    {"reveal", true, true, true},
    {"export", false, true, true},
    {"audit.view", false, true, true},
    {"outbox.retry", false, true, true},
    {"outbox.cancel", false, true, true},
    {"qa.review", false, true, true},
    {"settings.change", false, false, true},
    {"officer.manage", false, false, true},
}};

} // namespace

bool Permissions::allows(Role role, std::string_view action) {
    for (const auto& rule : kRules) {
        if (rule.action != action) continue;
        switch (role) {
        case Role::Clerk: return rule.clerk;
        case Role::Supervisor: return rule.supervisor;
        case Role::Admin: return rule.admin;
        }
    }
    return false;
}

const std::vector<std::string_view>& Permissions::knownActions() {
    static const std::vector<std::string_view> actions = [] {
        std::vector<std::string_view> out;
        for (const auto& rule : kRules) out.push_back(rule.action);
        return out;
    }();
    return actions;
}

} // namespace bhxh::security
