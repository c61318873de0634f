#include "security/permissions.h"

#include <array>

namespace bhxh::security {
namespace {

struct Rule {
    Action::Id action;
    bool clerk;
    bool supervisor;
    bool admin;
};

// Clerks decide and reveal at the desk; supervisors also see the trail, export and handle the
// outbox and re-check sampled approvals (qa.review); only an admin changes settings and officer accounts.
// One row per action, in Action's order (checked below), so no action is left out.
constexpr std::array<Rule, Action::all().size()> kRules{{
    {Action::Decide, true, true, true},
    {Action::Reveal, true, true, true},
    {Action::Export, false, true, true},
    {Action::AuditView, false, true, true},
    {Action::OutboxRetry, false, true, true},
    {Action::OutboxCancel, false, true, true},
    {Action::QaReview, false, true, true},
    {Action::SettingsChange, false, false, true},
    {Action::OfficerManage, false, false, true},
}};

constexpr bool inActionOrder() {
    for (std::size_t i = 0; i < kRules.size(); ++i) {
        if (kRules[i].action != Action::all()[i]) return false;
    }
    return true;
}
static_assert(inActionOrder(), "kRules: one row per Action, in Action's order");

} // namespace

bool Permissions::allows(Role role, Action action) {
    const Rule& rule = kRules[action.id()];
    switch (role) {
    case Role::Clerk: return rule.clerk;
    case Role::Supervisor: return rule.supervisor;
    case Role::Admin: return rule.admin;
    }
    return false;
}

} // namespace bhxh::security
