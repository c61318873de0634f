#include "store/backup_manager.h"

#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

namespace bhxh::store {
namespace {

constexpr std::string_view kPrefix = "desk-";
constexpr std::string_view kSuffix = ".sqlite";

// 20261122T083000.123Z: sorts as text in time order.
std::string stamp(std::chrono::system_clock::time_point now) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &utc);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
    return out;
}

std::optional<std::chrono::system_clock::time_point> parseStamp(const std::string& name) {
    // desk-YYYYMMDDTHHMMSS.mmmZ-label.sqlite
    if (name.size() < kPrefix.size() + 20) return std::nullopt;
    std::tm utc{};
    const std::string s = name.substr(kPrefix.size(), 20);
    if (std::sscanf(s.c_str(), "%4d%2d%2dT%2d%2d%2d", &utc.tm_year, &utc.tm_mon, &utc.tm_mday, &utc.tm_hour,
                    &utc.tm_min, &utc.tm_sec) != 6) {
        return std::nullopt;
    }
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&utc));
}

std::string labelOf(const std::string& name) {
    // after "desk-<20 chars>-", before ".sqlite"
    const std::size_t start = kPrefix.size() + 21;
    if (name.size() <= start + kSuffix.size()) return {};
    return name.substr(start, name.size() - start - kSuffix.size());
}

// Secrets never go into a copy: the outbox's `secret` column (citizens' initial passwords waiting
// for their SMS or e-mail) is cleared in the copy, and VACUUM rebuilds the file so the old pages
// holding them are gone too (secure_delete zeroes what the UPDATE frees meanwhile). The journal
// stays in memory: no side file ever holds the old pages.
const char* const kScrubSql =
    "PRAGMA journal_mode=MEMORY; PRAGMA temp_store=MEMORY; PRAGMA secure_delete=ON;"
    "UPDATE outbox SET secret = NULL WHERE secret IS NOT NULL;"
    "VACUUM;"
    "PRAGMA journal_mode=DELETE;";

bool hasOutbox(sqlite3* db) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'", -1, &stmt,
                           nullptr) != SQLITE_OK) {
        return false;
    }
    const bool found = sqlite3_step(stmt) == SQLITE_ROW;
    sqlite3_finalize(stmt);
    return found;
}

// fsync of a file or a folder, so a rename never points at unwritten bytes.
bool syncPath(const std::filesystem::path& path, bool folder) {
    const int fd = ::open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool passesQuickCheck(const std::filesystem::path& file) {
    auto db = Database::open(file, ConnectionOptions{.readOnly = true, .busyTimeoutMs = 1000, .synchronousFull = false});
    if (!db) return false;
    auto check = db->queryText("PRAGMA quick_check");
    return check && *check == "ok";
}

} // namespace

Result<std::filesystem::path> BackupManager::take(Database& source, const std::string& label,
                                                  std::chrono::system_clock::time_point now) {
    std::error_code ec;
    if (std::filesystem::create_directories(m_dir, ec)) {
        std::filesystem::permissions(m_dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
    }
    if (ec) return makeError("store.backup", m_dir.string() + ": cannot create the backup folder (" + ec.message() + ")");
    const auto target = m_dir / (std::string(kPrefix) + stamp(now) + "-" + label + std::string(kSuffix));
    const auto partial = std::filesystem::path(target.string() + ".partial");
    std::filesystem::remove(partial, ec);

    sqlite3* dest = nullptr;
    if (sqlite3_open_v2(partial.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close(dest);
        return makeError("store.backup", partial.string() + ": cannot create the backup file");
    }
    // A copy of the desk's database: owner only, like the database itself.
    std::filesystem::permissions(partial, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source.handle(), "main");
    int rc = backup ? sqlite3_backup_step(backup, -1) : sqlite3_errcode(dest);
    if (backup) sqlite3_backup_finish(backup);
    std::string why = rc == SQLITE_DONE ? std::string() : sqlite3_errmsg(dest);
    // A copy must stand alone: one file, no WAL beside it.
    if (rc == SQLITE_DONE && sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        rc = SQLITE_ERROR;
        why = sqlite3_errmsg(dest);
    }
    if (rc == SQLITE_DONE && hasOutbox(dest) && sqlite3_exec(dest, kScrubSql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        rc = SQLITE_ERROR;
        why = std::string("clearing the outbox's secrets: ") + sqlite3_errmsg(dest);
    }
    sqlite3_close(dest);
    if (rc != SQLITE_DONE) {
        std::filesystem::remove(partial, ec);
        return makeError("store.backup", target.string() + ": the backup failed (" + why + ")");
    }
    if (!passesQuickCheck(partial)) {
        std::filesystem::remove(partial, ec);
        return makeError("store.backup", target.string() + ": the copy failed its integrity check");
    }
    if (!syncPath(partial, false)) {
        std::filesystem::remove(partial, ec);
        return makeError("store.backup", target.string() + ": the copy could not be synced to disk");
    }
    std::filesystem::rename(partial, target, ec);
    if (ec) return makeError("store.backup", target.string() + ": " + ec.message());
    (void)syncPath(m_dir, true);
    prune(label);
    return target;
}

std::vector<std::filesystem::path> BackupManager::list() const {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(m_dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with(kPrefix) && name.ends_with(kSuffix) && parseStamp(name)) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.filename() > b.filename(); });
    return files;
}

std::optional<std::chrono::system_clock::time_point> BackupManager::newest(const std::string& label) const {
    for (const auto& file : list()) {
        const std::string name = file.filename().string();
        if (labelOf(name) == label) return parseStamp(name);
    }
    return std::nullopt;
}

std::optional<std::filesystem::path> BackupManager::lastGoodCopy() const {
    for (const auto& file : list()) {
        if (passesQuickCheck(file)) return file;
    }
    return std::nullopt;
}

void BackupManager::prune(const std::string& label) const {
    int seen = 0;
    std::error_code ec;
    for (const auto& file : list()) {
        if (labelOf(file.filename().string()) != label) continue;
        if (++seen > m_keep) std::filesystem::remove(file, ec);
    }
}

} // namespace bhxh::store
