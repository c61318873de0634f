#pragma once
#include "common/result.h"
#include "store/database.h"

#include <chrono>
#include <string>
#include <vector>

namespace bhxh::store {

/// The day report's figures beyond the dashboard's (SqliteDashboardReader): rejections by reason
/// code and the outbox rows that failed or ended unclear, for a period [from, to).
class SqliteReportReader {
public:
    struct Count {
        std::string key;  ///< the reason code; for the outbox "<channel>:<state>"
        int count = 0;
    };
    explicit SqliteReportReader(Database& db) : m_db(db) {}
    /// Most frequent first, then by code.
    Result<std::vector<Count>> rejectionsByReason(std::chrono::system_clock::time_point from,
                                                  std::chrono::system_clock::time_point to);
    /// Rows in state failed or unknown whose last change falls in the period, by channel and state.
    Result<std::vector<Count>> outboxFailures(std::chrono::system_clock::time_point from,
                                              std::chrono::system_clock::time_point to);

private:
    Database& m_db;
};

} // namespace bhxh::store
