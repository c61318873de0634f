#include "store/database.h"

#include <sqlite3.h>

#include <chrono>
#include <thread>
#include <utility>

namespace bhxh::store {

Result<Database> Database::open(const std::filesystem::path& path, const ConnectionOptions& options) {
    sqlite3* raw = nullptr;
    const int flags = (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        sqlite3_close(raw);
        return makeError(rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? "store.corrupt" : "store.open",
                         path.string() + ": cannot open the database (" + why + ")");
    }
    sqlite3_extended_result_codes(raw, 1);
    Database db(raw, path);
    sqlite3_busy_timeout(raw, options.busyTimeoutMs);
    // journal_mode is the first statement that reads the file: a damaged header shows up here.
    std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
    pragmas += options.synchronousFull ? " PRAGMA synchronous=FULL;" : " PRAGMA synchronous=NORMAL;";
    if (!options.readOnly) {
        // Switching a new file to WAL takes an exclusive lock, and SQLite answers "busy" at once
        // instead of calling the busy handler when another connection is doing the same (the
        // console and a subcommand starting together on a fresh install): wait and retry, up to
        // the busy timeout.
        auto mode = db.queryText("PRAGMA journal_mode=WAL");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busyTimeoutMs);
        while (!mode && mode.error().code == "store.busy" && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            mode = db.queryText("PRAGMA journal_mode=WAL");
        }
        if (!mode) return mode.error();
        if (*mode != "wal") {
            return makeError("store.open", path.string() + ": WAL journal mode refused (got " + *mode + ")");
        }
    }
    if (auto ok = db.exec(pragmas); !ok) return ok.error();
    return db;
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)), m_auditKeys(std::move(other.m_auditKeys)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_auditKeys = std::move(other.m_auditKeys);
    }
    return *this;
}

Database::~Database() { sqlite3_close_v2(m_db); }

Error Database::lastError(std::string_view what) const {
    const int rc = sqlite3_extended_errcode(m_db);
    const int primary = rc & 0xff;
    std::string message = std::string(what) + ": " + sqlite3_errmsg(m_db) + " (" + m_path.string() + ")";
    if (primary == SQLITE_FULL) {
        return makeError("store.full", std::string(what) +
                                           ": the disk or the database's size limit is full; nothing was saved (" +
                                           m_path.string() + ")");
    }
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return makeError("store.corrupt", message);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return makeError("store.busy", message);
    if (primary == SQLITE_CONSTRAINT) return makeError("store.constraint", message);
    if (primary == SQLITE_IOERR) return makeError("store.io", message);
    return makeError("store.sql", message);
}

Result<void> Database::exec(std::string_view sql) {
    const std::string text(sql);
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return lastError("exec");
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        return lastError("prepare");
    }
    return Statement(stmt, this);
}

Result<std::int64_t> Database::queryInt(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return makeError("store.sql", std::string(sql) + ": no row");
    return stmt->getInt(0);
}

Result<std::string> Database::queryText(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return makeError("store.sql", std::string(sql) + ": no row");
    return stmt->getText(0);
}

Result<void> Database::checkpoint() {
    // PRAGMA wal_checkpoint(TRUNCATE) through the C API, so that "could not finish" is an error
    // rather than a row nobody reads.
    const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    if (rc == SQLITE_BUSY) return makeError("store.busy", m_path.string() + ": checkpoint: another connection is reading");
    if (rc != SQLITE_OK) return lastError("checkpoint");
    return {};
}

Result<std::int64_t> Database::schemaVersion() { return queryInt("PRAGMA user_version"); }

std::int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_db(other.m_db) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

// Bind errors (a bad index) are programming errors; they surface at step() as SQLITE_RANGE.
Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}
Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
    // An empty view may have no data pointer; SQLite would bind that as NULL, not as ''.
    sqlite3_bind_text64(m_stmt, index, text.data() ? text.data() : "", text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bindNull(index);
}
Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}
Statement& Statement::bindBlob(int index, const std::vector<unsigned char>& bytes) {
    sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
    sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    return *this;
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return m_db->lastError("step");
}

Result<void> Statement::run() {
    auto r = step();
    if (!r) return r.error();
    return {};
}

Result<void> Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return {};
}

bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
std::int64_t Statement::getInt(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::getDouble(int column) const { return sqlite3_column_double(m_stmt, column); }
std::string Statement::getText(int column) const {
    const auto* text = sqlite3_column_text(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)) : std::string();
}
std::optional<std::string> Statement::getOptionalText(int column) const {
    if (isNull(column)) return std::nullopt;
    return getText(column);
}

} // namespace bhxh::store
