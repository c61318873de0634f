#include "face/adapters/face_models.h"

#include "face/pinned_models.h"

#include <cstdlib>
#include <fstream>
#include <sodium.h>
#include <vector>

namespace bhxh::face {
namespace {

Result<std::string> fileSha256(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("face.models_missing", path.string() + ": cannot be read");
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = in.gcount();
        if (got > 0) {
            crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                      static_cast<unsigned long long>(got));
        }
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex);
}

} // namespace

std::filesystem::path defaultModelsDir() {
    if (const char* env = std::getenv("BHXH_MODELS_DIR"); env && *env) return env;
    std::error_code ec;
    const std::filesystem::path system = "/usr/local/share/bhxh-desk/models";
    if (std::filesystem::is_directory(system, ec)) return system;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "bhxh-desk" / "models";
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".local" / "share" / "bhxh-desk" / "models";
    }
    return system;
}

Result<ModelHashes> verifyModels(const std::filesystem::path& dir) {
    if (sodium_init() < 0) return makeError("face.models_missing", "libsodium could not start");
    ModelHashes hashes;
    for (const auto& [name, pinned] : kPinnedModels) {
        const auto path = dir / std::string(name);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            return makeError("face.models_missing", "face model " + std::string(name) + " is missing in " + dir.string() +
                                                        "; run deploy/fetch-models.sh (or set face.models_dir)");
        }
        auto actual = fileSha256(path);
        if (!actual) return actual.error();
        if (*actual != pinned) {
            return makeError("face.models_mismatch", "face model " + path.string() + " has sha256 " + actual->substr(0, 12) +
                                                         "…, not the pinned " + std::string(pinned.substr(0, 12)) +
                                                         "…; run deploy/fetch-models.sh to reinstall it");
        }
        hashes.emplace(std::string(name), *actual);
    }
    return hashes;
}

std::string sha256Hex(const void* data, std::size_t size) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, static_cast<const unsigned char*>(data), size);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

} // namespace bhxh::face
