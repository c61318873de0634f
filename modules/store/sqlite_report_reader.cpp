#include "store/sqlite_report_reader.h"

#include "store/time_codec.h"

namespace bhxh::store {
namespace {

Result<std::vector<SqliteReportReader::Count>> counts(Database& db, const char* sql, std::int64_t from, std::int64_t to) {
    auto stmt = db.prepare(sql);
    if (!stmt) return stmt.error();
    stmt->bind(1, from).bind(2, to);
    std::vector<SqliteReportReader::Count> out;
    // Bounded: codes and channel/state pairs are few; a damaged table cannot make the page endless.
    while (out.size() < 200) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back({stmt->getText(0), static_cast<int>(stmt->getInt(1))});
    }
    return out;
}

} // namespace

Result<std::vector<SqliteReportReader::Count>> SqliteReportReader::rejectionsByReason(
    std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to) {
    return counts(m_db,
                  "SELECT reason_code, count(*) AS n FROM decisions WHERE outcome = 'rejected' "
                  "AND decided_at_ms >= ?1 AND decided_at_ms < ?2 GROUP BY reason_code ORDER BY n DESC, reason_code",
                  toMs(from), toMs(to));
}

Result<std::vector<SqliteReportReader::Count>> SqliteReportReader::outboxFailures(
    std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to) {
    return counts(m_db,
                  "SELECT channel || ':' || state, count(*) FROM outbox WHERE state IN ('failed', 'unknown') "
                  "AND updated_ms >= ?1 AND updated_ms < ?2 GROUP BY channel, state ORDER BY channel, state",
                  toMs(from), toMs(to));
}

} // namespace bhxh::store
