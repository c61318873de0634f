#pragma once
#include "common/result.h"

#include <string>

namespace bhxh::declarations {

/// Where downloaded files are kept. The implementation (adapters) checks the bytes against the
/// sha256 the declaration announced before anything is written.
class FileCache {
public:
    virtual ~FileCache() = default;
    /// Verifies and stores the bytes; returns the path they are cached at.
    virtual Result<std::string> save(const std::string& dossierNo, const std::string& kind,
                                     const std::string& expectedSha256, const std::string& bytes) = 0;
};

} // namespace bhxh::declarations
