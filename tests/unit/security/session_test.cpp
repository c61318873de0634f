#include "security/permissions.h"
#include "security/session.h"
#include "security_fixture.h"

#include <catch2/catch.hpp>

using bhxh::Action;
using namespace bhxh::security;
using namespace bhxh::security::test;
using namespace std::chrono_literals;

namespace {

struct SessionFixture : SecurityFixture {
    std::chrono::steady_clock::time_point steady{std::chrono::steady_clock::time_point{} + 1000h};

    SessionFixture() {
        addOfficer("q6.clerk", Role::Clerk);
        addOfficer("q6.super", Role::Supervisor);
        addOfficer("q6.admin", Role::Admin);
        addOfficer("q6.gone", Role::Clerk, /*disabled=*/true);
    }

    Officer signIn(const std::string& id) {
        auto officer = guard.login(id, kPassword);
        REQUIRE(officer.ok());
        return *officer;
    }

    std::unique_ptr<Session> session(const std::string& id) {
        return std::make_unique<Session>(signIn(id), guard, 5min, [this] { return steady; });
    }
};

} // namespace

TEST_CASE("Session: authorize follows the role's permissions", "[security][session]") {
    SessionFixture f;
    for (const char* id : {"q6.clerk", "q6.super", "q6.admin"}) {
        auto s = f.session(id);
        auto authorize = s->authorizer();
        for (Action action : Action::all()) {
            INFO(id << " " << action.name());
            auto answer = authorize(action);
            if (Permissions::allows(s->officer().role, action)) {
                REQUIRE(answer.ok());
                CHECK(*answer == id);
            } else {
                REQUIRE_FALSE(answer.ok());
                CHECK(answer.error().code == "security.denied");
            }
        }
    }
    auto clerk = f.session("q6.clerk");
    auto denied = clerk->authorize("export");
    CHECK(denied.error().message.find("clerk") != std::string::npos);
    CHECK(clerk->authorize("decide").ok());
    CHECK_FALSE(clerk->authorize("settings.change").ok());
    auto super = f.session("q6.super");
    CHECK(super->authorize("outbox.retry").ok());
    CHECK_FALSE(super->authorize("officer.manage").ok());
}

TEST_CASE("Session: everything is refused with security.locked while idle-locked", "[security][session]") {
    SessionFixture f;
    auto s = f.session("q6.admin");
    auto authorize = s->authorizer();
    REQUIRE(authorize("decide").ok());
    f.steady += 5min;
    for (Action action : Action::all()) {
        auto answer = authorize(action);
        REQUIRE_FALSE(answer.ok());
        CHECK(answer.error().code == "security.locked");
    }
    CHECK(s->confirmer()("q6.super", kPassword).error().code == "security.locked");

    // The wrong password keeps the desk locked, and counts as a failed login of the desk officer.
    CHECK_FALSE(s->idleLock().unlock(kWrong).ok());
    CHECK(authorize("decide").error().code == "security.locked");
    auto stored = f.officers.find("q6.admin");
    CHECK((*stored)->failedLogins == 1);
    REQUIRE(s->idleLock().unlock(kPassword).ok());
    CHECK(authorize("decide").ok());
    const auto entries = f.auditEntries();
    CHECK(entries.back().event.kind == "login");
    CHECK(entries.back().event.detail == "unlock");
}

TEST_CASE("Session: four-eyes needs another active officer's password", "[security][session]") {
    SessionFixture f;
    auto s = f.session("q6.clerk");
    auto confirm = s->confirmer();

    auto same = confirm("q6.clerk", kPassword);
    REQUIRE_FALSE(same.ok());
    CHECK(same.error().code == "security.same_officer");

    auto wrong = confirm("q6.super", kWrong);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == login_error::kBadCredentials);

    auto disabled = confirm("q6.gone", kPassword);
    REQUIRE_FALSE(disabled.ok());
    CHECK(disabled.error().code == login_error::kDisabled);

    auto unknown = confirm("q6.nobody", kPassword);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == login_error::kBadCredentials);

    // Any other active officer may confirm, a clerk included (see Session::confirmOfficer).
    f.addOfficer("q6.clerk2", Role::Clerk);
    auto byClerk = confirm("q6.clerk2", kPassword);
    REQUIRE(byClerk.ok());
    CHECK(*byClerk == "q6.clerk2");
    auto bySupervisor = confirm("q6.super", kPassword);
    REQUIRE(bySupervisor.ok());
    CHECK(*bySupervisor == "q6.super");

    // A locked second officer cannot confirm, even with the right password.
    for (int i = 0; i < 5; ++i) CHECK_FALSE(confirm("q6.admin", kWrong).ok());
    CHECK(confirm("q6.admin", kPassword).error().code == login_error::kLocked);

    const auto entries = f.auditEntries();
    CHECK(entries.back().event.officerId == "q6.admin");
    bool sawFourEyes = false;
    for (const auto& e : entries) {
        if (e.event.kind == "login" && e.event.detail == "four-eyes for q6.clerk") sawFourEyes = true;
        CHECK(e.event.detail.find(kPassword) == std::string::npos);
        CHECK(e.event.detail.find(kWrong) == std::string::npos);
    }
    CHECK(sawFourEyes);
}
