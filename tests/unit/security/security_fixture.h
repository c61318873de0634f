#pragma once
// Shared by the security tests: a real store in a temp folder, the officer repository and audit
// log on one connection, a cheap hasher, and a clock the test moves by hand.
#include "security/login_guard.h"
#include "security/password_hasher.h"
#include "store/sqlite_audit_log.h"
#include "store/sqlite_officer_repository.h"
#include "store/store.h"

#include "temp_folder.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <random>
#include <string>

namespace bhxh::security::test {

/// A fresh folder under the system temp dir, removed with the object.
class TempDir : public bhxh::test::TempFolder {
public:
    TempDir() : TempFolder("bhxh-security-test-") {}
};

inline const std::string kPassword = "đúng-mật-khẩu-1";  // the right password of every test officer
inline const std::string kWrong = "sai-mat-khau-99";

/// A store file with officers, a LoginGuard on it and a hand-moved system clock.
class SecurityFixture {
public:
    SecurityFixture()
        : m_store(openStore(m_dir.path())),
          m_db(connect(m_store)),
          officers(m_db),
          audit(m_db),
          hasher(PasswordCost::minimal()),
          guard(officers, audit, hasher, LoginPolicy{}, [this] { return now; }) {}

    /// Adds an active officer whose password is kPassword.
    void addOfficer(const std::string& id, Role role, bool disabled = false) {
        Officer o;
        o.id = id;
        o.displayName = "Cán bộ " + id;
        o.role = role;
        o.disabled = disabled;
        auto hash = hasher.hash(kPassword);
        REQUIRE(hash.ok());
        auto added = officers.add(o, *hash, AuditEvent{"officer", "test", id, "add", now});
        REQUIRE(added.ok());
    }

    /// Every audit entry, oldest first.
    std::vector<AuditEntry> auditEntries() {
        auto entries = audit.read(1, 10000);
        REQUIRE(entries.ok());
        return *entries;
    }

    [[nodiscard]] const std::filesystem::path& dir() const { return m_dir.path(); }
    store::Database& db() { return m_db; }

private:
    static store::Store openStore(const std::filesystem::path& dir) {
        store::StoreOptions options;
        options.dbPath = dir / "desk.sqlite";
        options.dailyBackup = false;
        auto s = store::Store::open(options);
        if (!s) FAIL(s.error().describe());
        return std::move(s).value();
    }
    static store::Database connect(const store::Store& s) {
        auto db = s.connect();
        if (!db) FAIL(db.error().describe());
        return std::move(db).value();
    }

    TempDir m_dir;
    store::Store m_store;
    store::Database m_db;

public:
    std::chrono::system_clock::time_point now{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours{2}};
    store::SqliteOfficerRepository officers;
    store::SqliteAuditLog audit;
    PasswordHasher hasher;
    LoginGuard guard;
};

} // namespace bhxh::security::test
