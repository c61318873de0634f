#include "app/first_admin.h"

#include "store/sqlite_audit_log.h"
#include "store/sqlite_officer_repository.h"
#include "store/store.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <random>

using bhxh::app::FirstAdmin;
using namespace bhxh;

namespace {

struct Fixture {
    std::filesystem::path dir;
    std::optional<store::Store> st;
    std::optional<store::Database> db;
    std::optional<store::SqliteOfficerRepository> officers;
    security::PasswordHasher hasher{security::PasswordCost::minimal()};

    Fixture() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("bhxh-first-admin-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(dir);
        store::StoreOptions options;
        options.dbPath = dir / "desk.sqlite";
        options.dailyBackup = false;
        auto s = store::Store::open(options);
        REQUIRE(s.ok());
        st.emplace(std::move(s).value());
        auto c = st->connect();
        REQUIRE(c.ok());
        db.emplace(std::move(c).value());
        officers.emplace(*db);
    }
    ~Fixture() {
        officers.reset();
        db.reset();
        st.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;
};

FirstAdmin::EnvReader fakeEnv(std::map<std::string, std::string> values) {
    return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
        auto it = values.find(name);
        if (it == values.end() || it->second.empty()) return std::nullopt;
        return it->second;
    };
}

} // namespace

TEST_CASE("FirstAdmin: no officer and no environment asks for `officer add`", "[app][first_admin]") {
    Fixture f;
    auto outcome = FirstAdmin::ensure(*f.officers, f.hasher, fakeEnv({}));
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().code == "security.no_officer");
    CHECK(outcome.error().message.find("bhxh-desk officer add ID") != std::string::npos);
    CHECK(outcome.error().message.find("--role admin") != std::string::npos);
    // A password alone is not enough either.
    CHECK_FALSE(FirstAdmin::ensure(*f.officers, f.hasher, fakeEnv({{"BHXH_ADMIN_PASSWORD", "mật-khẩu-đủ-dài"}})).ok());
    CHECK(*f.officers->count() == 0);
}

TEST_CASE("FirstAdmin: an unattended install takes the admin from the environment", "[app][first_admin]") {
    Fixture f;
    auto outcome = FirstAdmin::ensure(*f.officers, f.hasher,
                                      fakeEnv({{"BHXH_ADMIN_ID", "q6.admin"},
                                               {"BHXH_ADMIN_PASSWORD", "mật-khẩu-đủ-dài"},
                                               {"BHXH_ADMIN_NAME", "Trần Thị Bình"}}));
    REQUIRE(outcome.ok());
    CHECK(*outcome == FirstAdmin::Outcome::Created);
    auto admin = f.officers->find("q6.admin");
    REQUIRE((admin.ok() && admin->has_value()));
    CHECK((*admin)->role == security::Role::Admin);
    CHECK((*admin)->displayName == "Trần Thị Bình");
    auto hash = f.officers->passwordHash("q6.admin");
    REQUIRE((hash.ok() && hash->has_value()));
    CHECK(f.hasher.verify(**hash, "mật-khẩu-đủ-dài"));

    store::SqliteAuditLog audit(*f.db);
    auto entries = audit.read(1, 10);
    REQUIRE((entries.ok() && entries->size() == 1));
    CHECK(entries->front().event.kind == "officer");
    CHECK(entries->front().event.detail.find("mật") == std::string::npos);

    // Second start: officers exist, the environment is not looked at.
    auto again = FirstAdmin::ensure(*f.officers, f.hasher, fakeEnv({{"BHXH_ADMIN_ID", "other"}}));
    REQUIRE(again.ok());
    CHECK(*again == FirstAdmin::Outcome::AlreadyPresent);
    CHECK(*f.officers->count() == 1);
}

TEST_CASE("FirstAdmin: a bad id or a short password from the environment is refused", "[app][first_admin]") {
    Fixture f;
    auto badId = FirstAdmin::ensure(*f.officers, f.hasher,
                                    fakeEnv({{"BHXH_ADMIN_ID", "Admin Root"}, {"BHXH_ADMIN_PASSWORD", "long enough pw"}}));
    REQUIRE_FALSE(badId.ok());
    CHECK(badId.error().message.rfind("BHXH_ADMIN_ID:", 0) == 0);
    auto weak = FirstAdmin::ensure(*f.officers, f.hasher,
                                   fakeEnv({{"BHXH_ADMIN_ID", "admin"}, {"BHXH_ADMIN_PASSWORD", "x7#q"}}));
    REQUIRE_FALSE(weak.ok());
    CHECK(weak.error().code == "security.weak_password");
    CHECK(weak.error().message.find("x7#q") == std::string::npos);
    CHECK(*f.officers->count() == 0);
}
