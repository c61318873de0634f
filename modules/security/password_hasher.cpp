#include "security/password_hasher.h"

#include <sodium.h>

#include <vector>

namespace bhxh::security {
namespace {

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::size_t codePoints(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

} // namespace

PasswordCost PasswordCost::interactive() {
    return PasswordCost{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::minimal() {
    // argon2id needs at least one pass; libsodium's MIN memlimit is 8 KiB.
    return PasswordCost{crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(PasswordCost cost) : m_cost(cost) {}

Result<void> PasswordHasher::checkStrength(const std::string& password) {
    if (codePoints(password) < kMinLength) {
        return makeError("security.weak_password",
                         "the password is too short: at least " + std::to_string(kMinLength) + " characters");
    }
    if (password.size() > kMaxBytes) {
        return makeError("security.weak_password",
                         "the password is too long: at most " + std::to_string(kMaxBytes) + " bytes");
    }
    return {};
}

Result<std::string> PasswordHasher::hash(const std::string& password) const {
    if (auto strong = checkStrength(password); !strong) return strong.error();
    if (!sodiumReady()) return makeError("security.hash_failed", "libsodium could not be initialised");
    std::vector<char> out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), m_cost.opsLimit, m_cost.memLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return makeError("security.hash_failed", "argon2id ran out of memory hashing the password");
    }
    return std::string(out.data());
}

bool PasswordHasher::verify(const std::string& storedHash, const std::string& password) const {
    if (!sodiumReady() || password.size() > kMaxBytes) return false;
    // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES.
    if (storedHash.empty() || storedHash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(storedHash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::wipe(std::string& secret) {
    // Grow to the capacity so that bytes past the current size (from earlier, longer contents)
    // are erased too, without writing outside the string.
    secret.resize(secret.capacity());
    if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
    secret.clear();
}

} // namespace bhxh::security
