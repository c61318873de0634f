#include "store/transaction.h"

#include <sqlite3.h>

#include <utility>

namespace bhxh::store {

Result<Transaction> Transaction::begin(Database& db) {
    if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) return ok.error();
    return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Transaction::~Transaction() {
    // SQLite may already have rolled back on its own (SQLITE_FULL, SQLITE_IOERR): only roll back
    // what is still open.
    if (m_db && !sqlite3_get_autocommit(m_db->handle())) (void)m_db->exec("ROLLBACK");
}

Result<void> Transaction::commit() {
    Database* db = std::exchange(m_db, nullptr);
    if (!db) return makeError("store.sql", "commit: the transaction is already finished");
    if (auto ok = db->exec("COMMIT"); !ok) {
        if (!sqlite3_get_autocommit(db->handle())) (void)db->exec("ROLLBACK");
        return ok.error();
    }
    return {};
}

} // namespace bhxh::store
