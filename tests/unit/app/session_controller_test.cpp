// SessionController without a window: officers stored in a real SQLite file (hashed with
// libsodium's smallest argon2id cost, which the stored hash carries), the auth thread checking
// passwords, and the UI queue drained by the test. Sign-in and refusal, roles, the lock and its
// unlock, four-eyes confirmations, sign-out — each with its audit entry.
#include "app/session_controller.h"
#include "security/password_hasher.h"
#include "store/sqlite_audit_log.h"
#include "store/sqlite_officer_repository.h"

#include "controller_harness.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace bhxh;
using Stage = ui::LoginSnapshot::Stage;

namespace {

struct SessionFixture {
    test::ControllerHarness h{"bhxh-session-"};
    app::AppConfig config;
    ui::StatusSnapshot status;
    std::unique_ptr<app::SessionController> session;

    SessionFixture() {
        ::unsetenv("BHXH_ADMIN_ID");
        ::unsetenv("BHXH_ADMIN_PASSWORD");
        {
            auto db = h.st->connect();
            REQUIRE(db);
            store::SqliteOfficerRepository officers(*db);
            const security::PasswordHasher hasher(security::PasswordCost::minimal());
            for (const auto& [id, role] : {std::pair{"q6.clerk", security::Role::Clerk},
                                           std::pair{"q6.supervisor", security::Role::Supervisor}}) {
                security::Officer o;
                o.id = id;
                o.displayName = "Nguyễn Văn A";
                o.role = role;
                auto hash = hasher.hash(std::string(id) + "-password-2026");
                REQUIRE(hash);
                REQUIRE(officers.add(o, *hash, AuditEvent{"officer_add", "q6.admin", id, "", std::chrono::system_clock::now()}).ok());
            }
        }
        auto started = app::SessionController::start(config, *h.st, h.queue, status, "");
        REQUIRE(started);
        session = std::move(started).value();
        REQUIRE(h.pumpUntil([this] { return snap().stage == Stage::SignedOut; }));
    }
    ~SessionFixture() {
        session.reset();  // joins the auth thread first
        h.stopWorkers();
    }
    const ui::LoginSnapshot& snap() const { return session->snapshot(); }
    bool idle() { return h.pumpUntil([this] { return !snap().busy; }); }
    std::int64_t audits(const std::string& kind, const std::string& officer) {
        return h.count("SELECT count(*) FROM audit_log WHERE kind = '" + kind + "' AND officer_id = ?", officer);
    }
    bool signIn(const std::string& id) {
        session->login(id, id + "-password-2026");
        return idle() && snap().stage == Stage::SignedIn;
    }
};

} // namespace

TEST_CASE("a wrong password is refused and audited and the right one signs the officer in", "[app][session_controller]") {
    SessionFixture f;
    f.session->login("q6.clerk", "not-the-password");
    REQUIRE(f.idle());
    CHECK(f.snap().stage == Stage::SignedOut);
    CHECK_FALSE(f.snap().errorKey.empty());
    CHECK_FALSE(f.session->authorizer()(Action::Decide));
    REQUIRE(f.signIn("q6.clerk"));
    CHECK(f.snap().officerId == "q6.clerk");
    CHECK(f.snap().role == "clerk");
    CHECK(f.session->currentOfficer() == "q6.clerk");
    CHECK(f.session->open());
    REQUIRE(f.h.settle());
    CHECK(f.h.count("SELECT count(*) FROM audit_log WHERE officer_id = 'q6.clerk' AND kind LIKE 'login%'") >= 2);
}

TEST_CASE("a clerk may decide but not supervise or manage officers", "[app][session_controller]") {
    SessionFixture f;
    REQUIRE(f.signIn("q6.clerk"));
    const auto authorize = f.session->authorizer();
    auto decide = authorize(Action::Decide);
    REQUIRE(decide);
    CHECK(*decide == "q6.clerk");
    CHECK_FALSE(authorize(Action::OutboxCancel));
    CHECK_FALSE(authorize(Action::QaReview));
    CHECK_FALSE(authorize(Action::OfficerManage));
    f.session->signOut();
    CHECK(f.snap().stage == Stage::SignedOut);
    CHECK_FALSE(authorize(Action::Decide));
    REQUIRE(f.h.pumpUntil([&] { return f.audits("logout", "q6.clerk") == 1; }));

    REQUIRE(f.signIn("q6.supervisor"));
    CHECK(authorize(Action::OutboxCancel));
    CHECK(authorize(Action::QaReview));
}

TEST_CASE("the lock closes the desk until the same officer's password opens it", "[app][session_controller]") {
    SessionFixture f;
    REQUIRE(f.signIn("q6.clerk"));
    f.session->lockNow();
    f.session->tick();
    CHECK(f.snap().stage == Stage::Locked);
    CHECK_FALSE(f.session->open());
    auto locked = f.session->authorizer()(Action::Decide);  // nothing is decided at a locked desk
    REQUIRE_FALSE(locked);
    CHECK(locked.error().code == "security.locked");
    f.session->unlock("q6.supervisor-password-2026");  // someone else's password does not open it
    REQUIRE(f.idle());
    CHECK(f.snap().stage == Stage::Locked);
    f.session->unlock("q6.clerk-password-2026");
    REQUIRE(f.idle());
    CHECK(f.snap().stage == Stage::SignedIn);
    CHECK(f.session->open());
    REQUIRE(f.h.pumpUntil([&] { return f.audits("idle_lock", "q6.clerk") == 1; }));
}

TEST_CASE("four-eyes needs another officer with the right password", "[app][session_controller]") {
    SessionFixture f;
    const auto confirm = f.session->confirmer();
    CHECK_FALSE(confirm("q6.supervisor", "q6.supervisor-password-2026"));  // nobody signed in
    REQUIRE(f.signIn("q6.clerk"));
    auto same = confirm("q6.clerk", "q6.clerk-password-2026");
    REQUIRE_FALSE(same);
    CHECK(same.error().code == "security.same_officer");
    CHECK_FALSE(confirm("q6.supervisor", "wrong"));
    auto second = confirm("q6.supervisor", "q6.supervisor-password-2026");
    REQUIRE(second);
    CHECK(*second == "q6.supervisor");
}
