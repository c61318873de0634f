#include "security_fixture.h"

#include <catch2/catch.hpp>

using namespace bhxh::security;
using namespace bhxh::security::test;
using namespace std::chrono_literals;

namespace {

bool anyEntryContains(const std::vector<bhxh::AuditEntry>& entries, const std::string& text) {
    for (const auto& e : entries) {
        for (const auto* field : {&e.event.kind, &e.event.officerId, &e.event.subject, &e.event.detail}) {
            if (field->find(text) != std::string::npos) return true;
        }
    }
    return false;
}

std::size_t countKind(const std::vector<bhxh::AuditEntry>& entries, const std::string& kind) {
    std::size_t n = 0;
    for (const auto& e : entries) n += e.event.kind == kind ? 1u : 0u;
    return n;
}

} // namespace

TEST_CASE("LoginGuard: the right password signs in and is audited", "[security][login]") {
    SecurityFixture f;
    f.addOfficer("q6.clerk", Role::Clerk);
    auto officer = f.guard.login("q6.clerk", kPassword);
    REQUIRE(officer.ok());
    CHECK(officer->id == "q6.clerk");
    CHECK(officer->role == Role::Clerk);
    const auto entries = f.auditEntries();
    REQUIRE_FALSE(entries.empty());
    CHECK(entries.back().event.kind == "login");
    CHECK(entries.back().event.officerId == "q6.clerk");
}

TEST_CASE("LoginGuard: five failures lock for five minutes, even against the right password",
          "[security][login]") {
    SecurityFixture f;
    f.addOfficer("q6.clerk", Role::Clerk);
    for (int i = 1; i <= 4; ++i) {
        auto failed = f.guard.login("q6.clerk", kWrong);
        REQUIRE_FALSE(failed.ok());
        CHECK(failed.error().code == login_error::kBadCredentials);
        f.now += 10s;
    }
    auto stored = f.officers.find("q6.clerk");
    REQUIRE((stored.ok() && stored->has_value()));
    CHECK((*stored)->failedLogins == 4);

    auto fifth = f.guard.login("q6.clerk", kWrong);
    REQUIRE_FALSE(fifth.ok());
    CHECK(fifth.error().code == login_error::kLocked);
    const auto lockedAt = f.now;
    CHECK(fifth.error().message.find(formatLocalTime(lockedAt + 5min)) != std::string::npos);

    f.now += 1min;
    auto rightButLocked = f.guard.login("q6.clerk", kPassword);
    REQUIRE_FALSE(rightButLocked.ok());
    CHECK(rightButLocked.error().code == login_error::kLocked);
    CHECK(rightButLocked.error().message.find("until") != std::string::npos);

    f.now = lockedAt + 5min - 1s;
    CHECK_FALSE(f.guard.login("q6.clerk", kPassword).ok());
    f.now = lockedAt + 5min;
    auto after = f.guard.login("q6.clerk", kPassword);
    REQUIRE(after.ok());
    CHECK(after->failedLogins == 0);

    stored = f.officers.find("q6.clerk");
    REQUIRE((stored.ok() && stored->has_value()));
    CHECK((*stored)->failedLogins == 0);
    CHECK_FALSE((*stored)->lockedAt(f.now));

    const auto entries = f.auditEntries();
    CHECK(countKind(entries, "lockout") == 1);
    CHECK(countKind(entries, "login_failed") == 7);  // 5 wrong, 2 while locked
    CHECK(countKind(entries, "login") == 1);
    CHECK_FALSE(anyEntryContains(entries, kPassword));
    CHECK_FALSE(anyEntryContains(entries, kWrong));
}

TEST_CASE("LoginGuard: the failure count survives a restart and resets on success", "[security][login]") {
    SecurityFixture f;
    f.addOfficer("q6.clerk", Role::Clerk);
    for (int i = 0; i < 3; ++i) CHECK_FALSE(f.guard.login("q6.clerk", kWrong).ok());
    {
        // A new guard (as after a restart) sees the stored count: two more failures lock.
        LoginGuard restarted(f.officers, f.audit, f.hasher, LoginPolicy{}, [&f] { return f.now; });
        CHECK(restarted.login("q6.clerk", kWrong).error().code == login_error::kBadCredentials);
        CHECK(restarted.login("q6.clerk", kWrong).error().code == login_error::kLocked);
    }
    f.now += 5min;
    REQUIRE(f.guard.login("q6.clerk", kPassword).ok());
    // After a success the count starts again: four failures do not lock.
    for (int i = 0; i < 4; ++i) CHECK(f.guard.login("q6.clerk", kWrong).error().code == login_error::kBadCredentials);
    REQUIRE(f.guard.login("q6.clerk", kPassword).ok());
    auto stored = f.officers.find("q6.clerk");
    REQUIRE((stored.ok() && stored->has_value()));
    CHECK((*stored)->failedLogins == 0);
}

TEST_CASE("LoginGuard: policy is configurable", "[security][login]") {
    SecurityFixture f;
    f.addOfficer("q6.clerk", Role::Clerk);
    LoginGuard strict(f.officers, f.audit, f.hasher, LoginPolicy{2, std::chrono::minutes{30}}, [&f] { return f.now; });
    CHECK(strict.login("q6.clerk", kWrong).error().code == login_error::kBadCredentials);
    CHECK(strict.login("q6.clerk", kWrong).error().code == login_error::kLocked);
    f.now += 29min;
    CHECK(strict.login("q6.clerk", kPassword).error().code == login_error::kLocked);
    f.now += 1min;
    CHECK(strict.login("q6.clerk", kPassword).ok());
}

TEST_CASE("LoginGuard: disabled accounts and unknown ids are refused", "[security][login]") {
    SecurityFixture f;
    f.addOfficer("q6.gone", Role::Supervisor, /*disabled=*/true);
    auto disabled = f.guard.login("q6.gone", kPassword);
    REQUIRE_FALSE(disabled.ok());
    CHECK(disabled.error().code == login_error::kDisabled);

    auto unknown = f.guard.login("nobody", kPassword);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == login_error::kBadCredentials);
    // Same message as a wrong password: the answer does not tell which ids exist.
    f.addOfficer("q6.clerk", Role::Clerk);
    CHECK(f.guard.login("q6.clerk", kWrong).error().message == unknown.error().message);

    // An id typed by mistake may be a password: it is not recorded.
    CHECK_FALSE(f.guard.login(kWrong, kPassword).ok());
    const auto entries = f.auditEntries();
    CHECK_FALSE(anyEntryContains(entries, kWrong));
    CHECK_FALSE(anyEntryContains(entries, kPassword));
    CHECK(countKind(entries, "login_failed") == 4);
}

TEST_CASE("LoginGuard: errors never carry the password", "[security][login]") {
    SecurityFixture f;
    f.addOfficer("q6.clerk", Role::Clerk);
    for (int i = 0; i < 6; ++i) {
        auto r = f.guard.login("q6.clerk", kWrong);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find(kWrong) == std::string::npos);
        CHECK(r.error().describe().find(kWrong) == std::string::npos);
    }
}

TEST_CASE("OfficerRepository: add, duplicate, disable, reset", "[security][store]") {
    SecurityFixture f;
    f.addOfficer("q6.admin", Role::Admin);
    Officer dup;
    dup.id = "q6.admin";
    dup.displayName = "Bản sao";
    auto again = f.officers.add(dup, "x", bhxh::AuditEvent{"officer", "cli", "q6.admin", "add", f.now});
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "security.officer_exists");

    REQUIRE(f.officers.setDisabled("q6.admin", true, bhxh::AuditEvent{"officer", "cli", "q6.admin", "disable", f.now}).ok());
    CHECK(f.guard.login("q6.admin", kPassword).error().code == login_error::kDisabled);
    REQUIRE(f.officers.setDisabled("q6.admin", false, bhxh::AuditEvent{"officer", "cli", "q6.admin", "enable", f.now}).ok());

    for (int i = 0; i < 5; ++i) CHECK_FALSE(f.guard.login("q6.admin", kWrong).ok());
    auto newHash = f.hasher.hash("mật khẩu mới 2026");
    REQUIRE(newHash.ok());
    REQUIRE(f.officers.setPasswordHash("q6.admin", *newHash, bhxh::AuditEvent{"officer", "cli", "q6.admin", "reset", f.now}).ok());
    // A reset clears the lockout and the old password stops working.
    CHECK(f.guard.login("q6.admin", "mật khẩu mới 2026").ok());
    CHECK(f.guard.login("q6.admin", kPassword).error().code == login_error::kBadCredentials);

    CHECK(f.officers.setDisabled("nobody", true, bhxh::AuditEvent{"officer", "cli", "nobody", "disable", f.now})
              .error().code == "security.unknown_officer");
    auto all = f.officers.list();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 1);
    CHECK(all->front().displayName == "Cán bộ q6.admin");
    CHECK(*f.officers.count() == 1);
    const auto entries = f.auditEntries();
    CHECK(countKind(entries, "officer") == 4);  // add, disable, enable, reset (the duplicate left none)
}
