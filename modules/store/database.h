#pragma once
#include "common/result.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace bhxh::store {

class Statement;
class AuditKeyring;

/// How a connection is opened.
struct ConnectionOptions {
    bool readOnly = false;
    int busyTimeoutMs = 5000;
    /// FULL makes every commit reach the disk before it returns: used for the connections that
    /// write decisions and the outbox. NORMAL is enough for the cache of portal data.
    bool synchronousFull = true;
};

/// One SQLite connection. Owned by one thread at a time: each worker opens its own
/// (SQLite's serialized mode is not needed, and WAL lets readers run beside the writer).
class Database {
public:
    /// Opens (or creates) the file with WAL, foreign keys, secure_delete and the busy timeout.
    static Result<Database> open(const std::filesystem::path& path, const ConnectionOptions& options = {});

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    /// Runs one or more statements without results.
    Result<void> exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    /// A single integer result, e.g. PRAGMA user_version.
    Result<std::int64_t> queryInt(std::string_view sql);
    Result<std::string> queryText(std::string_view sql);
    /// Copies the WAL into the database file and empties it (wal_checkpoint TRUNCATE): after a
    /// password or a photo was erased, so that old WAL frames do not keep a copy. "store.busy"
    /// when another connection's reader kept it from finishing (the next checkpoint does it).
    Result<void> checkpoint();
    /// The schema version the migrations have reached (PRAGMA user_version).
    Result<std::int64_t> schemaVersion();

    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] sqlite3* handle() const { return m_db; }
    /// The desk's audit keys, used by AuditChain when this connection appends to the audit log
    /// (Store::connect sets them). Without them only a chain that has no MAC yet can grow.
    void setAuditKeyring(std::shared_ptr<const AuditKeyring> keys) { m_auditKeys = std::move(keys); }
    [[nodiscard]] const AuditKeyring* auditKeyring() const { return m_auditKeys.get(); }

    /// An Error for the connection's last failure: code "store.full" for a full disk,
    /// "store.corrupt" for a damaged file, "store.busy" when locked, else "store.sql".
    [[nodiscard]] Error lastError(std::string_view what) const;

private:
    Database(sqlite3* db, std::filesystem::path path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
    std::shared_ptr<const AuditKeyring> m_auditKeys;
};

/// A prepared statement. Parameters are 1-based as in SQLite; columns are 0-based.
class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::optional<std::string>& text);
    Statement& bindNull(int index);
    Statement& bindBlob(int index, const std::vector<unsigned char>& bytes);
    Statement& bindBlob(int index, std::string_view bytes);

    /// True while a row is available; false when done; an Error on failure.
    Result<bool> step();
    /// Runs a statement that returns no rows.
    Result<void> run();
    Result<void> reset();

    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] std::int64_t getInt(int column) const;
    [[nodiscard]] double getDouble(int column) const;
    [[nodiscard]] std::string getText(int column) const;
    [[nodiscard]] std::optional<std::string> getOptionalText(int column) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, const Database* db) : m_stmt(stmt), m_db(db) {}
    sqlite3_stmt* m_stmt = nullptr;
    const Database* m_db = nullptr;
};

} // namespace bhxh::store
