#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "store/database.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace bhxh::store {

/// What a purge did.
struct PurgeReport {
    std::int64_t files = 0;         ///< cached declaration files overwritten and deleted
    std::int64_t frames = 0;        ///< captured desk frames overwritten and deleted
    std::int64_t bytes = 0;         ///< bytes overwritten
    std::int64_t rowsCleared = 0;   ///< declaration_files and scans rows no longer pointing at a file
    std::int64_t missing = 0;       ///< rows whose file was already gone (cleared too)
    std::int64_t skipped = 0;       ///< rows left alone: their path is outside the data folder
};

/// Removes the images the desk no longer needs once the retention period is over: the cached
/// files of declarations decided more than `retention` ago (declaration_files.local_path, under
/// <data_dir>/files/<dossier>/), their inline blobs, and the frames captured when their cards
/// were scanned (scans.frame_path), plus frames of scans that led to no decision and are older
/// than the period. Each file is overwritten with zeros and synced before it is unlinked; the
/// rows keep their metadata (kind, sha256, size) so the declaration still opens and shows that
/// its photos were purged. The database clears them with secure_delete on, then checkpoints the
/// WAL so the old pages do not linger there either. One "purge" audit entry commits with the rows,
/// only when there were rows to clear: a run that finds nothing writes nothing.
class RetentionPurger {
public:
    /// `dataDir`: files outside it are never touched (a row pointing elsewhere is skipped).
    RetentionPurger(Database& db, std::filesystem::path dataDir) : m_db(db), m_dataDir(std::move(dataDir)) {}

    /// Purges what was decided (or, for undecided frames, scanned) before now − retention.
    Result<PurgeReport> purge(std::chrono::days retention, std::chrono::system_clock::time_point now,
                              const std::string& officerId);

private:
    struct Target {
        std::string table;  // "declaration_files" or "scans"
        std::string key1;   // dossier_no, or the scan id
        std::string key2;   // kind ("" for scans)
        std::string path;   // "" when only a blob is held
    };
    Result<std::vector<Target>> collect(std::int64_t cutoffMs);
    [[nodiscard]] bool insideDataDir(const std::filesystem::path& path) const;

    Database& m_db;
    std::filesystem::path m_dataDir;
};

/// Overwrites a regular file with zeros, syncs it, then unlinks it. Returns the bytes
/// overwritten; "store.io" when the file cannot be opened or written.
Result<std::int64_t> shredFile(const std::filesystem::path& path);

} // namespace bhxh::store
