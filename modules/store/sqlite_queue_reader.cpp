#include "store/sqlite_queue_reader.h"

#include "common/unicode_text.h"
#include "declarations/declaration_rules.h"
#include "store/enum_column.h"
#include "store/like_pattern.h"

namespace bhxh::store {

Result<std::vector<declarations::QueueEntry>> SqliteQueueReader::read(const declarations::QueueFilter& f,
                                                                      std::chrono::system_clock::time_point now) {
    std::string sql =
        "SELECT dossier_no, full_name, status, request, kind, channel, expires_at, bhxh_code, phone "
        "FROM declarations WHERE (?1 = '' OR office_code = ?1) AND (?2 = '' OR status = ?2) "
        "AND (?3 = '' OR channel = ?3) AND (?4 = 0 OR kind = 'minor_via_guardian')";
    if (!f.search.empty()) {
        sql += " AND (name_folded LIKE '%' || ?5 || '%' ESCAPE '\\' OR dossier_no LIKE ?6 || '%' ESCAPE '\\'"
               " OR bhxh_code LIKE ?6 || '%' ESCAPE '\\' OR id_number LIKE ?6 || '%' ESCAPE '\\'"
               " OR phone LIKE ?6 || '%' ESCAPE '\\')";
    }
    sql += " ORDER BY expires_at, dossier_no";
    auto stmt = m_db.prepare(sql);
    if (!stmt) return stmt.error();
    stmt->bind(1, f.officeCode).bind(2, f.status ? toString(*f.status) : std::string_view()).bind(3, f.channel).bind(4, f.minorsOnly ? 1 : 0);
    if (!f.search.empty()) {
        stmt->bind(5, escapeLike(text::foldForSearch(f.search)));
        stmt->bind(6, escapeLike(f.search));
    }
    std::vector<declarations::QueueEntry> out;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        declarations::QueueEntry e;
        e.dossierNo = stmt->getText(0);
        e.fullName = stmt->getText(1);
        auto status = enumColumn(stmt->getText(2), declarations::parseDeclarationStatus, "declarations.status");
        if (!status) return status.error();
        auto request = enumColumn(stmt->getText(3), declarations::parseDeclarationRequest, "declarations.request");
        if (!request) return request.error();
        auto kind = enumColumn(stmt->getText(4), declarations::parseDeclarationKind, "declarations.kind");
        if (!kind) return kind.error();
        e.status = *status;
        e.request = *request;
        e.kind = *kind;
        e.channel = stmt->getText(5);
        e.expiresAt = stmt->getText(6);
        e.bhxhCode = stmt->getText(7);
        e.phone = stmt->getText(8);
        e.daysLeft = declarations::daysLeftUntil(e.expiresAt, now).value_or(0);
        if (f.dueWithinDays >= 0 && e.daysLeft > f.dueWithinDays) continue;
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace bhxh::store
