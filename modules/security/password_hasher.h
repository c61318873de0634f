#pragma once
#include "common/result.h"

#include <cstddef>
#include <string>

namespace bhxh::security {

/// argon2id work factors (libsodium's crypto_pwhash opslimit / memlimit).
struct PasswordCost {
    unsigned long long opsLimit = 0;
    std::size_t memLimit = 0;

    /// libsodium's INTERACTIVE figures (2 passes, 64 MiB): the desk's default.
    [[nodiscard]] static PasswordCost interactive();
    /// The smallest figures libsodium accepts. For tests only: fast, and worthless against a guesser.
    [[nodiscard]] static PasswordCost minimal();
};

/// Hashes and checks officer passwords with argon2id (crypto_pwhash_str). The stored string
/// carries its own salt and cost, so hashes made with another cost still verify.
class PasswordHasher {
public:
    /// Shortest password accepted, in characters (code points).
    static constexpr std::size_t kMinLength = 8;
    /// Longest accepted, in bytes: hashing is costly, so a megabyte "password" is refused early.
    static constexpr std::size_t kMaxBytes = 1024;

    explicit PasswordHasher(PasswordCost cost = PasswordCost::interactive());

    /// The argon2id string for `password`; "security.weak_password" when it is shorter than
    /// kMinLength characters, "security.hash_failed" when libsodium runs out of memory.
    [[nodiscard]] Result<std::string> hash(const std::string& password) const;
    /// True when `password` matches `storedHash`. A malformed hash is a mismatch.
    [[nodiscard]] bool verify(const std::string& storedHash, const std::string& password) const;
    /// Checks length rules only (no hashing): the CLI asks before prompting a second time.
    [[nodiscard]] static Result<void> checkStrength(const std::string& password);

    /// Overwrites the whole buffer of `secret` (sodium_memzero) and empties it. Call on every
    /// string that held a password once it is no longer needed.
    static void wipe(std::string& secret);

private:
    PasswordCost m_cost;
};

} // namespace bhxh::security
