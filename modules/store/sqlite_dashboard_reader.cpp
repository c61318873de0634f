#include "store/sqlite_dashboard_reader.h"

#include "declarations/decision.h"
#include "declarations/declaration.h"
#include "declarations/rfc3339.h"
#include "store/enum_column.h"
#include "store/time_codec.h"

#include <map>

namespace bhxh::store {

Result<declarations::DayFigures> SqliteDashboardReader::read(const std::string& officeCode,
                                                             std::chrono::system_clock::time_point dayStart,
                                                             std::chrono::system_clock::time_point now,
                                                             int utcOffsetMinutes, const std::string& dayLabel) {
    declarations::DayFigures f;
    f.day = dayLabel;
    const std::int64_t from = toMs(dayStart);
    const std::int64_t to = from + 24LL * 3600 * 1000;
    auto decisions = m_db.prepare(
        "SELECT outcome, officer_id, decided_at_ms FROM decisions WHERE decided_at_ms >= ?1 AND decided_at_ms < ?2");
    if (!decisions) return decisions.error();
    decisions->bind(1, from).bind(2, to);
    std::map<std::string, declarations::OfficerDayCounts> perOfficer;
    while (true) {
        auto row = decisions->step();
        if (!row) return row.error();
        if (!*row) break;
        auto outcome = enumColumn(decisions->getText(0), declarations::parseDecisionOutcome, "decisions.outcome");
        if (!outcome) return outcome.error();
        const bool approved = *outcome == declarations::DecisionOutcome::Approved;
        const std::string officer = decisions->getText(1);
        const std::int64_t localMs = decisions->getInt(2) + static_cast<std::int64_t>(utcOffsetMinutes) * 60000;
        const int hour = static_cast<int>((localMs / 3600000) % 24);
        auto& o = perOfficer[officer];
        o.officerId = officer;
        if (approved) {
            ++f.approved;
            ++o.approved;
            ++f.approvedByHour[static_cast<std::size_t>(hour)];
        } else {
            ++f.rejected;
            ++o.rejected;
            ++f.rejectedByHour[static_cast<std::size_t>(hour)];
        }
    }
    for (auto& [id, counts] : perOfficer) f.officers.push_back(counts);

    // expires_at is RFC 3339 text with an offset: compare as times, not as strings.
    auto cached = m_db.prepare(
        "SELECT status, expires_at FROM declarations WHERE (?1 = '' OR office_code = ?1) "
        "AND status IN ('pending', 'claimed', 'expired')");
    if (!cached) return cached.error();
    cached->bind(1, officeCode);
    const auto dayEnd = fromMs(to);
    while (true) {
        auto row = cached->step();
        if (!row) return row.error();
        if (!*row) break;
        auto status = enumColumn(cached->getText(0), declarations::parseDeclarationStatus, "declarations.status");
        if (!status) return status.error();
        const auto expires = declarations::parseRfc3339(cached->getText(1));
        const bool expiredToday = expires && *expires >= dayStart && *expires < dayEnd;
        const bool pastDeadline = expires && *expires < now;
        if (*status == declarations::DeclarationStatus::Expired || pastDeadline) {
            if (expiredToday) ++f.expired;
        } else {
            ++f.pending;
        }
    }
    return f;
}

} // namespace bhxh::store
