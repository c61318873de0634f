#include "store/retention_purger.h"

#include "store/audit_chain.h"
#include "store/time_codec.h"
#include "store/transaction.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace bhxh::store {

Result<std::int64_t> shredFile(const std::filesystem::path& path) {
    // O_NOFOLLOW: a symlink planted in the cache must not make us zero the file it points to.
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return makeError("store.io", path.string() + ": cannot open to erase (" + std::strerror(errno) + ")");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return makeError("store.io", path.string() + ": not a regular file");
    }
    const std::vector<char> zeros(64 * 1024, '\0');
    std::int64_t left = st.st_size;
    while (left > 0) {
        const auto chunk = static_cast<std::size_t>(std::min<std::int64_t>(left, static_cast<std::int64_t>(zeros.size())));
        const ssize_t n = ::write(fd, zeros.data(), chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            return makeError("store.io", path.string() + ": cannot overwrite (" + std::strerror(errno) + ")");
        }
        left -= n;
    }
    // The zeros reach the disk before the name goes; otherwise the unlink could land first and
    // leave the old blocks with the photo in them.
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) return makeError("store.io", path.string() + ": cannot sync the overwrite");
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (ec) return makeError("store.io", path.string() + ": " + ec.message());
    return static_cast<std::int64_t>(st.st_size);
}

bool RetentionPurger::insideDataDir(const std::filesystem::path& path) const {
    std::error_code ec;
    const auto root = std::filesystem::weakly_canonical(m_dataDir, ec);
    if (ec) return false;
    const auto file = std::filesystem::weakly_canonical(path.parent_path(), ec);
    if (ec) return false;
    auto r = root.begin();
    auto f = file.begin();
    for (; r != root.end(); ++r, ++f) {
        if (f == file.end() || *r != *f) return false;
    }
    return true;
}

Result<std::vector<RetentionPurger::Target>> RetentionPurger::collect(std::int64_t cutoffMs) {
    std::vector<Target> targets;
    auto files = m_db.prepare(
        "SELECT f.dossier_no, f.kind, f.local_path FROM declaration_files f "
        "JOIN decisions d ON d.dossier_no = f.dossier_no "
        "WHERE d.decided_at_ms < ?1 AND (f.local_path IS NOT NULL OR f.blob IS NOT NULL) ORDER BY f.dossier_no, f.kind");
    if (!files) return files.error();
    files->bind(1, cutoffMs);
    while (true) {
        auto row = files->step();
        if (!row) return row.error();
        if (!*row) break;
        targets.push_back(Target{"declaration_files", files->getText(0), files->getText(1),
                                 files->getOptionalText(2).value_or("")});
    }
    // Frames of decided dossiers go with the decision's age; a frame that led to no decision
    // (a card scanned, then nothing) goes with its own age.
    auto frames = m_db.prepare(
        "SELECT s.id, s.frame_path FROM scans s LEFT JOIN decisions d ON d.dossier_no = s.dossier_no "
        "WHERE s.frame_path IS NOT NULL AND "
        "((d.id IS NOT NULL AND d.decided_at_ms < ?1) OR (d.id IS NULL AND s.at_ms < ?1)) ORDER BY s.id");
    if (!frames) return frames.error();
    frames->bind(1, cutoffMs);
    while (true) {
        auto row = frames->step();
        if (!row) return row.error();
        if (!*row) break;
        targets.push_back(Target{"scans", std::to_string(frames->getInt(0)), "", frames->getText(1)});
    }
    return targets;
}

Result<PurgeReport> RetentionPurger::purge(std::chrono::days retention, std::chrono::system_clock::time_point now,
                                           const std::string& officerId) {
    const std::int64_t cutoffMs = toMs(now - retention);
    auto targets = collect(cutoffMs);
    if (!targets) return targets.error();

    PurgeReport report;
    std::vector<const Target*> cleared;
    // Files first, rows after: a crash in between leaves rows pointing at missing files (cleared
    // by the next purge), never photo bytes on disk that no row remembers.
    for (const auto& t : *targets) {
        if (!t.path.empty()) {
            const std::filesystem::path path(t.path);
            std::error_code ec;
            const auto status = std::filesystem::symlink_status(path, ec);
            if (ec || !std::filesystem::exists(status)) {
                ++report.missing;
            } else if (std::filesystem::is_symlink(status)) {
                // The cache never makes links: drop the link itself, never what it points to.
                std::filesystem::remove(path, ec);
                ++report.missing;
            } else if (!insideDataDir(path)) {
                ++report.skipped;
                continue;
            } else {
                auto bytes = shredFile(path);
                if (!bytes) return bytes.error();
                report.bytes += *bytes;
                ++(t.table == "scans" ? report.frames : report.files);
                // An emptied <data_dir>/files/<dossier>/ folder goes too (remove() keeps a non-empty one).
                if (t.table == "declaration_files") std::filesystem::remove(path.parent_path(), ec);
            }
        }
        cleared.push_back(&t);
    }

    // Nothing to clear: no transaction, no audit entry (the console runs this at every start and
    // every 24 h; an entry per idle run would bury the ones that matter). A row skipped because
    // its path lies outside the data folder is left as it is, so it is no purge either.
    if (cleared.empty()) return report;

    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    // Already on for every connection (Database::open); said again here because this is the
    // statement that depends on it.
    if (auto on = m_db.exec("PRAGMA secure_delete = ON"); !on) return on.error();
    auto clearFile = m_db.prepare("UPDATE declaration_files SET local_path = NULL, blob = NULL WHERE dossier_no = ? AND kind = ?");
    if (!clearFile) return clearFile.error();
    auto clearFrame = m_db.prepare("UPDATE scans SET frame_path = NULL WHERE id = ?");
    if (!clearFrame) return clearFrame.error();
    for (const Target* t : cleared) {
        Statement& stmt = t->table == "scans" ? *clearFrame : *clearFile;
        if (auto r = stmt.reset(); !r) return r.error();
        if (t->table == "scans") {
            stmt.bind(1, static_cast<std::int64_t>(std::stoll(t->key1)));
        } else {
            stmt.bind(1, t->key1).bind(2, t->key2);
        }
        if (auto ok = stmt.run(); !ok) return ok.error();
        report.rowsCleared += m_db.changes();
    }
    const AuditEvent audit{"purge", officerId, "retention",
                           "older than " + std::to_string(retention.count()) + " days: files " +
                               std::to_string(report.files) + ", frames " + std::to_string(report.frames) +
                               ", bytes " + std::to_string(report.bytes) + ", rows " +
                               std::to_string(report.rowsCleared) + ", missing " + std::to_string(report.missing) +
                               ", skipped " + std::to_string(report.skipped),
                           now};
    if (auto seq = AuditChain::appendInTransaction(m_db, audit); !seq) return seq.error();
    if (auto ok = tx->commit(); !ok) return ok.error();
    // Old copies of the cleared pages may still sit in the WAL file.
    (void)m_db.checkpoint();  // best effort: a reader may hold frames until the next one
    return report;
}

} // namespace bhxh::store
