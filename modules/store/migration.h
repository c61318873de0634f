#pragma once
#include "common/result.h"
#include "store/database.h"

#include <string>
#include <vector>

namespace bhxh::store {

/// One file of db/migrations: NNNN_name.sql → version NNNN.
struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
};

/// The migrations compiled into this build from db/migrations, in order.
[[nodiscard]] const std::vector<Migration>& builtInMigrations();

/// Applies migrations to a database, each in its own transaction together with the new
/// PRAGMA user_version, so a crash leaves the file at one version or the next.
class Migrator {
public:
    explicit Migrator(std::vector<Migration> migrations) : m_migrations(std::move(migrations)) {}

    /// Versions must run 1, 2, 3, … with no gap; an Error names the first one that does not.
    [[nodiscard]] Result<void> validate() const;
    [[nodiscard]] int latestVersion() const { return m_migrations.empty() ? 0 : m_migrations.back().version; }
    /// Brings `db` from its user_version up to latestVersion(); returns the version it was at.
    /// A database newer than this build is refused (store.too_new) and left untouched.
    Result<int> migrate(Database& db) const;

private:
    std::vector<Migration> m_migrations;
};

} // namespace bhxh::store
