#include "security/permissions.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

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
    REQUIRE(Permissions::knownActions().size() == expected.size());
    for (const auto& [action, allowed] : expected) {
        INFO(action);
        CHECK(Permissions::allows(Role::Clerk, action) == allowed[0]);
        CHECK(Permissions::allows(Role::Supervisor, action) == allowed[1]);
        CHECK(Permissions::allows(Role::Admin, action) == allowed[2]);
    }
}

TEST_CASE("Permissions: an unknown action is denied to every role", "[security][permissions]") {
    for (Role role : {Role::Clerk, Role::Supervisor, Role::Admin}) {
        CHECK_FALSE(Permissions::allows(role, "launch_missiles"));
        CHECK_FALSE(Permissions::allows(role, ""));
        CHECK_FALSE(Permissions::allows(role, "DECIDE"));
        CHECK_FALSE(Permissions::allows(role, "export "));
    }
}

TEST_CASE("Role names round-trip and nothing else parses", "[security][permissions]") {
    for (Role role : {Role::Clerk, Role::Supervisor, Role::Admin}) {
        CHECK(bhxh::security::parseRole(bhxh::security::toString(role)) == role);
    }
    CHECK_FALSE(bhxh::security::parseRole("Admin").has_value());
    CHECK_FALSE(bhxh::security::parseRole("root").has_value());
}
