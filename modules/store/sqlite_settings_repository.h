#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "store/database.h"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace bhxh::store {

/// The settings an administrator changed in the console (table `settings`): key → value as
/// text, read over the TOML file at start. Each change is written together with its audit
/// entry, in one transaction, so no setting changes without a trace.
class SqliteSettingsRepository {
public:
    explicit SqliteSettingsRepository(Database& db) : m_db(db) {}

    /// Every stored setting, by key.
    Result<std::map<std::string, std::string>> all();
    /// One setting as it was and as it is to be.
    struct Change {
        std::string key;
        std::string before;
        std::string after;
    };
    /// Stores every change and appends one "settings_change" audit entry for each (subject: the
    /// key, detail: "before -> after"), all in one transaction: all of them or none.
    Result<void> change(const std::vector<Change>& changes, const std::string& officerId,
                        std::chrono::system_clock::time_point at);

private:
    Database& m_db;
};

} // namespace bhxh::store
