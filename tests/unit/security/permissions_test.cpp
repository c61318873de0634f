#include "security/permissions.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

using bhxh::Action;
using bhxh::security::Permissions;
using bhxh::security::Role;

TEST_CASE("Permissions: every action for every role", "[security][permissions]") {
    // action → {clerk, supervisor, admin}
    const std::map<std::string, std::array<bool, 3>> expected{
        {"decide", {true, true, true}},
        {"reveal", {true, true, true}},
        {"export", {false, true, true}},
        {"audit.view", {false, true, true}},
        {"qa.review", {false, true, true}},
        {"outbox.retry", {false, true, true}},
        {"outbox.cancel", {false, true, true}},
        {"settings.change", {false, false, true}},
        {"officer.manage", {false, false, true}},
    };
    REQUIRE(Action::all().size() == expected.size());
    for (Action action : Action::all()) {
        INFO(action.name());
        const auto row = expected.find(std::string(action.name()));
        REQUIRE(row != expected.end());
        CHECK(Permissions::allows(Role::Clerk, action) == row->second[0]);
        CHECK(Permissions::allows(Role::Supervisor, action) == row->second[1]);
        CHECK(Permissions::allows(Role::Admin, action) == row->second[2]);
    }
}

TEST_CASE("Action: a literal names the same action as its constant", "[security][permissions]") {
    // An unknown literal does not compile (ctest common.action_typo_does_not_compile).
    CHECK(Action("decide") == Action::Decide);
    CHECK(Action("audit.view") == Action::AuditView);
    CHECK(Action("officer.manage") == Action::OfficerManage);
    CHECK(Action(Action::OutboxCancel).name() == "outbox.cancel");
    CHECK(std::string_view(Action(Action::SettingsChange)) == "settings.change");
}

TEST_CASE("Role names round-trip and nothing else parses", "[security][permissions]") {
    for (Role role : {Role::Clerk, Role::Supervisor, Role::Admin}) {
        CHECK(bhxh::security::parseRole(bhxh::security::toString(role)) == role);
    }
    CHECK_FALSE(bhxh::security::parseRole("Admin").has_value());
    CHECK_FALSE(bhxh::security::parseRole("root").has_value());
}
