#include "declarations/adapters/disk_file_cache.h"

#include "common/private_file.h"
#include "declarations/portal_errors.h"

#include <sodium.h>

namespace bhxh::declarations {
namespace {
// Names from the portal become path components: only a safe alphabet, never "." or "..".
bool safeName(const std::string& s) {
    if (s.empty() || s.size() > 64 || s == "." || s == "..") return false;
    for (char c : s) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}
} // namespace

std::string DiskFileCache::sha256Hex(const std::string& bytes) {
    static const int sodiumReady = sodium_init();  // idempotent; hashing needs no RNG but be tidy
    (void)sodiumReady;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * sizeof digest);
    for (unsigned char b : digest) {
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 0x0f]);
    }
    return out;
}

Result<std::string> DiskFileCache::save(const std::string& dossierNo, const std::string& kind,
                                        const std::string& expectedSha256, const std::string& bytes) {
    if (!safeName(dossierNo) || !safeName(kind) || !safeName(expectedSha256)) {
        return Error{portal_error::kBadResponse, "file of " + dossierNo + ": dossier_no, kind or sha256 is not a safe name"};
    }
    const std::string actual = sha256Hex(bytes);
    if (actual != expectedSha256) {
        return Error{portal_error::kBadResponse, "file " + kind + " of " + dossierNo +
                                                     ": sha256 does not match the declaration (download corrupted)"};
    }
    // The dossier's folder is made 0700 by writePrivateFile when missing; its temporary file has a
    // unique name (mkstemp), so the desk and bulk lanes may fetch the same file at once.
    const auto path = m_root / dossierNo / (kind + "-" + expectedSha256);
    if (auto written = writePrivateFile(path, bytes); !written) return Error{"store.io", written.error().message};
    return path.string();
}

} // namespace bhxh::declarations
