#pragma once
#include "declarations/file_cache.h"

#include <filesystem>

namespace bhxh::declarations {

/// FileCache under a folder (<data_dir>/files): <dossier_no>/<kind>-<sha256>. The bytes are
/// checked with libsodium's SHA-256 and written to a temporary file renamed into place, so a
/// cached file is always whole and verified.
class DiskFileCache final : public FileCache {
public:
    explicit DiskFileCache(std::filesystem::path root) : m_root(std::move(root)) {}
    Result<std::string> save(const std::string& dossierNo, const std::string& kind, const std::string& expectedSha256,
                             const std::string& bytes) override;
    /// Lower-case hex SHA-256 of the bytes.
    static std::string sha256Hex(const std::string& bytes);

private:
    std::filesystem::path m_root;
};

} // namespace bhxh::declarations
