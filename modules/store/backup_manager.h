#pragma once
#include "common/result.h"
#include "store/database.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::store {

/// Copies of the database in one folder, taken with SQLite's online backup API (consistent
/// while the desk runs). Names are desk-<UTC time>-<label>.sqlite, so they sort by age; the
/// newest `keep` copies of each label are kept. Labels: "pre-v<N>" before migrating to N,
/// "daily", "manual".
class BackupManager {
public:
    BackupManager(std::filesystem::path dir, int keep) : m_dir(std::move(dir)), m_keep(keep) {}

    /// Copies `source` into a new file, checks the copy, and prunes old copies of the label.
    Result<std::filesystem::path> take(Database& source, const std::string& label,
                                       std::chrono::system_clock::time_point now);
    /// Every copy, newest first.
    [[nodiscard]] std::vector<std::filesystem::path> list() const;
    /// When the newest copy with this label was taken.
    [[nodiscard]] std::optional<std::chrono::system_clock::time_point> newest(const std::string& label) const;
    /// The newest copy that opens and passes PRAGMA quick_check.
    [[nodiscard]] std::optional<std::filesystem::path> lastGoodCopy() const;
    [[nodiscard]] const std::filesystem::path& dir() const { return m_dir; }

private:
    void prune(const std::string& label) const;
    std::filesystem::path m_dir;
    int m_keep;
};

} // namespace bhxh::store
