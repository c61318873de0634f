#include "store/sqlite_declaration_repository.h"

#include "common/unicode_text.h"
#include "declarations/declaration_json.h"
#include "store/like_pattern.h"
#include "store/time_codec.h"
#include "store/transaction.h"

#include <set>

namespace bhxh::store {

using declarations::Declaration;

Result<bool> SqliteDeclarationRepository::upsert(const Declaration& declaration) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto statements = prepareUpsert();
    if (!statements) return statements.error();
    auto written = upsertInTransaction(*statements, declaration);
    if (!written) return written.error();
    if (auto ok = tx->commit(); !ok) return ok.error();
    return written;
}

Result<SqliteDeclarationRepository::UpsertStatements> SqliteDeclarationRepository::prepareUpsert() {
    // A decision taken at this desk stands until the portal has its own last word: a copy that
    // still says pending or claimed (pulled or looked up before the outbox delivered the
    // decision, hours later when the portal is down) keeps the local outcome, in the column and
    // in the document. Approved, rejected or expired from the portal are written as they come.
    // (EXISTS before json_valid: the document is only validated when a decision will rewrite it.)
    auto declaration = m_db.prepare(
        "INSERT INTO declarations(dossier_no, version, status, kind, request, office_code, submitted_at, expires_at, "
        "channel, full_name, name_folded, bhxh_code, id_number, phone, email, guardian_bhxh_code, guardian_id_number, "
        "updated_at, json, cached_at_ms) VALUES(?1, ?2, "
        "CASE WHEN ?3 IN ('pending', 'claimed') "
        "THEN coalesce((SELECT outcome FROM decisions WHERE dossier_no = ?1), ?3) ELSE ?3 END, "
        "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "CASE WHEN ?3 IN ('pending', 'claimed') "
        "AND EXISTS (SELECT 1 FROM decisions WHERE dossier_no = ?1) AND json_valid(?19) "
        "THEN json_set(?19, '$.status', (SELECT outcome FROM decisions WHERE dossier_no = ?1)) ELSE ?19 END, ?20) "
        "ON CONFLICT(dossier_no) DO UPDATE SET version = excluded.version, status = excluded.status, "
        "kind = excluded.kind, request = excluded.request, office_code = excluded.office_code, "
        "submitted_at = excluded.submitted_at, expires_at = excluded.expires_at, channel = excluded.channel, "
        "full_name = excluded.full_name, name_folded = excluded.name_folded, bhxh_code = excluded.bhxh_code, "
        "id_number = excluded.id_number, phone = excluded.phone, email = excluded.email, "
        "guardian_bhxh_code = excluded.guardian_bhxh_code, guardian_id_number = excluded.guardian_id_number, "
        "updated_at = excluded.updated_at, json = excluded.json, cached_at_ms = excluded.cached_at_ms "
        "WHERE excluded.version >= declarations.version");
    if (!declaration) return declaration.error();
    // Files: keep a cached copy only while its sha256 is still the announced one.
    auto file = m_db.prepare(
        "INSERT INTO declaration_files(dossier_no, kind, sha256, bytes, content_type) VALUES(?,?,?,?,?) "
        "ON CONFLICT(dossier_no, kind) DO UPDATE SET bytes = excluded.bytes, content_type = excluded.content_type, "
        "local_path = CASE WHEN declaration_files.sha256 = excluded.sha256 THEN declaration_files.local_path END, "
        "blob = CASE WHEN declaration_files.sha256 = excluded.sha256 THEN declaration_files.blob END, "
        "sha256 = excluded.sha256");
    if (!file) return file.error();
    auto storedKinds = m_db.prepare("SELECT kind FROM declaration_files WHERE dossier_no = ?");
    if (!storedKinds) return storedKinds.error();
    auto dropFile = m_db.prepare("DELETE FROM declaration_files WHERE dossier_no = ? AND kind = ?");
    if (!dropFile) return dropFile.error();
    return UpsertStatements{std::move(declaration).value(), std::move(file).value(), std::move(storedKinds).value(),
                            std::move(dropFile).value()};
}

Result<bool> SqliteDeclarationRepository::upsertInTransaction(UpsertStatements& statements, const Declaration& d) {
    if (d.dossierNo.empty()) return makeError("store.declaration_invalid", "declaration without dossier_no");
    const std::string json = d.sourceJson.empty() ? declarations::DeclarationJson::serialize(d) : d.sourceJson;
    // The statements are reused row after row: each starts reset, with no binding left over.
    Statement& stmt = statements.declaration;
    (void)stmt.reset();
    const std::string name = text::nfc(d.fullName);
    stmt.bind(1, d.dossierNo).bind(2, d.version).bind(3, toString(d.status)).bind(4, toString(d.kind)).bind(5, toString(d.request));
    stmt.bind(6, d.officeCode).bind(7, d.submittedAt).bind(8, d.expiresAt).bind(9, d.channel).bind(10, name);
    stmt.bind(11, text::foldForSearch(name)).bind(12, d.bhxhCode).bind(13, d.idNumber).bind(14, d.phone);
    stmt.bind(15, d.email);
    if (d.guardian) stmt.bind(16, d.guardian->bhxhCode).bind(17, d.guardian->idNumber);
    else stmt.bindNull(16).bindNull(17);
    stmt.bind(18, d.updatedAt).bind(19, json).bind(20, toMs(std::chrono::system_clock::now()));
    if (auto ok = stmt.run(); !ok) return ok.error();
    if (m_db.changes() == 0) return false;  // an older version than the one stored

    Statement& file = statements.file;
    std::set<std::string> kinds;
    for (const auto& f : d.files) {
        kinds.insert(f.kind);
        (void)file.reset();
        file.bind(1, d.dossierNo).bind(2, f.kind).bind(3, f.sha256).bind(4, f.bytes).bind(5, f.contentType);
        if (auto ok = file.run(); !ok) return ok.error();
    }
    Statement& stored = statements.storedKinds;
    (void)stored.reset();
    stored.bind(1, d.dossierNo);
    std::vector<std::string> gone;
    while (true) {
        auto row = stored.step();
        if (!row) return row.error();
        if (!*row) break;
        if (!kinds.count(stored.getText(0))) gone.push_back(stored.getText(0));
    }
    (void)stored.reset();
    for (const auto& kind : gone) {
        Statement& del = statements.dropFile;
        (void)del.reset();
        del.bind(1, d.dossierNo).bind(2, kind);
        if (auto ok = del.run(); !ok) return ok.error();
    }
    return true;
}

Result<std::size_t> SqliteDeclarationRepository::storePage(const std::vector<Declaration>& items,
                                                          const std::string& syncScope,
                                                          const std::optional<std::string>& nextCursor) {
    // A page is a copy of what the portal holds and commits with its cursor: after a power cut the
    // last pages may be missing (WAL with synchronous=NORMAL stays consistent) and are pulled
    // again; the two never part. So a page does not wait for its own fsync; the connection's
    // setting (FULL, for the decisions it may also write) comes back after the page. A page of
    // 500 touches about 1,500 database pages (random-key indexes): a 32 MB cache and a checkpoint
    // every 16,000 WAL pages instead of SQLite's 1,000 keep a pull of 100,000 from checkpointing
    // after every page (bench_sync_pull: 29 s → 17 s on a loaded 2-core machine; peak RSS 24 → 55 MB).
    if (auto ok = m_db.exec("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32000; PRAGMA wal_autocheckpoint=16000"); !ok) return ok.error();
    struct FullAgain {
        Database& db;
        ~FullAgain() { (void)db.exec("PRAGMA synchronous=FULL"); }
    } fullAgain{m_db};
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    // One transaction and one set of prepared statements for the whole page.
    auto statements = prepareUpsert();
    if (!statements) return statements.error();
    std::size_t written = 0;
    for (const auto& d : items) {
        auto ok = upsertInTransaction(*statements, d);
        if (!ok) return ok.error();
        if (*ok) ++written;
    }
    auto cursor = m_db.prepare(
        "INSERT INTO sync_state(scope, cursor, last_success_ms, last_error) VALUES(?,?,?,'') "
        "ON CONFLICT(scope) DO UPDATE SET cursor = excluded.cursor, last_success_ms = excluded.last_success_ms, "
        "last_error = ''");
    if (!cursor) return cursor.error();
    cursor->bind(1, syncScope).bind(2, nextCursor).bind(3, toMs(std::chrono::system_clock::now()));
    if (auto ok = cursor->run(); !ok) return ok.error();
    if (auto ok = tx->commit(); !ok) return ok.error();
    return written;
}

Result<std::vector<Declaration>> SqliteDeclarationRepository::readAll(Statement& stmt) {
    std::vector<Declaration> out;
    while (true) {
        auto row = stmt.step();
        if (!row) return row.error();
        if (!*row) break;
        auto d = declarations::DeclarationJson::parse(stmt.getText(0));
        if (!d) return makeError("store.declaration_json", "stored " + d.error().message);
        out.push_back(std::move(d).value());
    }
    return out;
}

Result<std::optional<Declaration>> SqliteDeclarationRepository::find(const std::string& dossierNo) {
    auto stmt = m_db.prepare("SELECT json FROM declarations WHERE dossier_no = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, dossierNo);
    auto all = readAll(*stmt);
    if (!all) return all.error();
    if (all->empty()) return std::optional<Declaration>();
    return std::optional<Declaration>(std::move(all->front()));
}

Result<std::vector<Declaration>> SqliteDeclarationRepository::query(const declarations::DeclarationQuery& q) {
    std::string sql = "SELECT json FROM declarations WHERE (?1 = '' OR office_code = ?1)";
    if (!q.statuses.empty()) {
        sql += " AND status IN (";
        for (std::size_t i = 0; i < q.statuses.size(); ++i) sql += (i ? ",?" : "?") + std::to_string(i + 10);
        sql += ")";
    }
    if (!q.search.empty()) {
        sql += " AND (name_folded LIKE '%' || ?2 || '%' ESCAPE '\\' OR dossier_no LIKE ?3 || '%' ESCAPE '\\'"
               " OR bhxh_code LIKE ?3 || '%' ESCAPE '\\' OR id_number LIKE ?3 || '%' ESCAPE '\\'"
               " OR phone LIKE ?3 || '%' ESCAPE '\\')";
    }
    sql += " ORDER BY expires_at, dossier_no LIMIT ?4 OFFSET ?5";
    auto stmt = m_db.prepare(sql);
    if (!stmt) return stmt.error();
    stmt->bind(1, q.officeCode);
    if (!q.search.empty()) {
        stmt->bind(2, escapeLike(text::foldForSearch(q.search)));
        stmt->bind(3, escapeLike(q.search));
    }
    stmt->bind(4, static_cast<std::int64_t>(q.limit)).bind(5, static_cast<std::int64_t>(q.offset));
    for (std::size_t i = 0; i < q.statuses.size(); ++i) stmt->bind(static_cast<int>(i) + 10, toString(q.statuses[i]));
    return readAll(*stmt);
}

Result<std::vector<Declaration>> SqliteDeclarationRepository::findByCard(const std::string& code) {
    auto stmt = m_db.prepare(
        "SELECT json FROM declarations WHERE bhxh_code = ?1 OR id_number = ?1 OR guardian_id_number = ?1 "
        "OR guardian_bhxh_code = ?1 ORDER BY expires_at, dossier_no");
    if (!stmt) return stmt.error();
    stmt->bind(1, code);
    return readAll(*stmt);
}

Result<std::vector<Declaration>> SqliteDeclarationRepository::findByPhone(const std::string& phone) {
    auto stmt = m_db.prepare("SELECT json FROM declarations WHERE phone = ?1 ORDER BY dossier_no");
    if (!stmt) return stmt.error();
    stmt->bind(1, phone);
    return readAll(*stmt);
}

Result<void> SqliteDeclarationRepository::setFileLocalPath(const std::string& dossierNo, const std::string& kind,
                                                           const std::string& sha256, const std::string& path) {
    auto stmt = m_db.prepare(
        "UPDATE declaration_files SET local_path = ? WHERE dossier_no = ? AND kind = ? AND sha256 = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, path).bind(2, dossierNo).bind(3, kind).bind(4, sha256);
    if (auto ok = stmt->run(); !ok) return ok.error();
    if (m_db.changes() != 1) {
        return makeError("store.file_unknown", "dossier " + dossierNo + " has no " + kind + " file with that sha256");
    }
    return {};
}

Result<std::optional<std::string>> SqliteDeclarationRepository::fileLocalPath(const std::string& dossierNo,
                                                                             const std::string& kind,
                                                                             const std::string& sha256) {
    auto stmt = m_db.prepare(
        "SELECT local_path FROM declaration_files WHERE dossier_no = ? AND kind = ? AND sha256 = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, dossierNo).bind(2, kind).bind(3, sha256);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>();
    return stmt->getOptionalText(0);
}

} // namespace bhxh::store
