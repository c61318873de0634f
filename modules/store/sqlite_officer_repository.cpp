#include "store/sqlite_officer_repository.h"

#include "store/audit_chain.h"
#include "store/time_codec.h"
#include "store/transaction.h"

namespace bhxh::store {
namespace {

// The password_hash column is never selected here: it has its own query, passwordHash().
constexpr const char* kColumns =
    "id, display_name, role, disabled, failed_logins, locked_until_ms, created_ms, updated_ms";

security::Officer readOfficer(const Statement& row) {
    security::Officer o;
    o.id = row.getText(0);
    o.displayName = row.getText(1);
    // The table's CHECK constraint admits only the three names.
    o.role = security::parseRole(row.getText(2)).value_or(security::Role::Clerk);
    o.disabled = row.getInt(3) != 0;
    o.failedLogins = static_cast<int>(row.getInt(4));
    o.lockedUntil = fromMs(row.getInt(5));
    o.createdAt = fromMs(row.getInt(6));
    o.updatedAt = fromMs(row.getInt(7));
    return o;
}

Error unknownOfficer(const std::string& id) {
    return makeError("security.unknown_officer", "no officer account " + id);
}

} // namespace

Result<std::optional<security::Officer>> SqliteOfficerRepository::find(const std::string& id) {
    auto stmt = m_db.prepare(std::string("SELECT ") + kColumns + " FROM officers WHERE id = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<security::Officer>();
    return std::optional<security::Officer>(readOfficer(*stmt));
}

Result<std::vector<security::Officer>> SqliteOfficerRepository::list() {
    auto stmt = m_db.prepare(std::string("SELECT ") + kColumns + " FROM officers ORDER BY id");
    if (!stmt) return stmt.error();
    std::vector<security::Officer> out;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back(readOfficer(*stmt));
    }
    return out;
}

Result<std::int64_t> SqliteOfficerRepository::count() {
    return m_db.queryInt("SELECT count(*) FROM officers");
}

Result<std::optional<std::string>> SqliteOfficerRepository::passwordHash(const std::string& id) {
    auto stmt = m_db.prepare("SELECT password_hash FROM officers WHERE id = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(stmt->getText(0));
}

Result<void> SqliteOfficerRepository::add(const security::Officer& officer, const std::string& passwordHash,
                                          const AuditEvent& audit) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto existing = find(officer.id);
    if (!existing) return existing.error();
    if (*existing) return makeError("security.officer_exists", "an officer account " + officer.id + " already exists");
    auto stmt = m_db.prepare(
        "INSERT INTO officers(id, display_name, role, password_hash, disabled, failed_logins, locked_until_ms, "
        "created_ms, updated_ms) VALUES(?,?,?,?,?,0,0,?,?)");
    if (!stmt) return stmt.error();
    const std::int64_t now = toMs(audit.at);
    stmt->bind(1, officer.id)
        .bind(2, officer.displayName)
        .bind(3, security::toString(officer.role))
        .bind(4, passwordHash)
        .bind(5, officer.disabled ? 1 : 0)
        .bind(6, now)
        .bind(7, now);
    if (auto ok = stmt->run(); !ok) return ok.error();
    if (auto seq = AuditChain::appendInTransaction(m_db, audit); !seq) return seq.error();
    return tx->commit();
}

Result<void> SqliteOfficerRepository::changeAudited(const std::string& id, Statement& update, const AuditEvent& audit) {
    if (auto ok = update.run(); !ok) return ok.error();
    if (m_db.changes() != 1) return unknownOfficer(id);
    if (auto seq = AuditChain::appendInTransaction(m_db, audit); !seq) return seq.error();
    return {};
}

Result<void> SqliteOfficerRepository::setDisabled(const std::string& id, bool disabled, const AuditEvent& audit) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto stmt = m_db.prepare("UPDATE officers SET disabled = ?2, updated_ms = ?3 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, disabled ? 1 : 0).bind(3, toMs(audit.at));
    if (auto ok = changeAudited(id, *stmt, audit); !ok) return ok;
    return tx->commit();
}

Result<void> SqliteOfficerRepository::setPasswordHash(const std::string& id, const std::string& passwordHash,
                                                      const AuditEvent& audit) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto stmt = m_db.prepare(
        "UPDATE officers SET password_hash = ?2, failed_logins = 0, locked_until_ms = 0, updated_ms = ?3 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, passwordHash).bind(3, toMs(audit.at));
    if (auto ok = changeAudited(id, *stmt, audit); !ok) return ok;
    return tx->commit();
}

Result<int> SqliteOfficerRepository::recordFailedLogin(const std::string& id, std::chrono::system_clock::time_point at) {
    // One statement reads and writes the counter, so two desks failing at once both count.
    auto stmt = m_db.prepare(
        "UPDATE officers SET failed_logins = failed_logins + 1, updated_ms = ?2 WHERE id = ?1 RETURNING failed_logins");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, toMs(at));
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return unknownOfficer(id);
    const int failures = static_cast<int>(stmt->getInt(0));
    if (auto done = stmt->step(); !done) return done.error();
    return failures;
}

Result<void> SqliteOfficerRepository::lockUntil(const std::string& id, std::chrono::system_clock::time_point until,
                                                std::chrono::system_clock::time_point at) {
    auto stmt = m_db.prepare("UPDATE officers SET failed_logins = 0, locked_until_ms = ?2, updated_ms = ?3 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, toMs(until)).bind(3, toMs(at));
    if (auto ok = stmt->run(); !ok) return ok.error();
    if (m_db.changes() != 1) return unknownOfficer(id);
    return {};
}

Result<void> SqliteOfficerRepository::recordSuccessfulLogin(const std::string& id,
                                                            std::chrono::system_clock::time_point at) {
    auto stmt = m_db.prepare("UPDATE officers SET failed_logins = 0, locked_until_ms = 0, updated_ms = ?2 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, toMs(at));
    if (auto ok = stmt->run(); !ok) return ok.error();
    if (m_db.changes() != 1) return unknownOfficer(id);
    return {};
}

} // namespace bhxh::store
