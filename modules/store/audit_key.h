#pragma once
#include "common/result.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh::store {

/// One secret key of the audit chain: 32 random bytes (libsodium crypto_auth, HMAC-SHA-512-256)
/// and its public id (16 hex digits of a keyed BLAKE2b of a fixed label: names the key in the
/// chain without revealing it).
struct AuditKey {
    std::string id;
    std::vector<unsigned char> bytes;
};

/// The desk's audit keys, kept in one file OUTSIDE the database (mode 0600 in a 0700 folder).
/// Each line is `bhxh-audit-key-v1 <id> <64 hex digits>`; the last line is the key in force,
/// the lines before it are retired keys kept so that the entries they sealed can still be
/// checked. Rotation appends a line (and the chain records it with an entry sealed by both keys).
class AuditKeyring {
public:
    ~AuditKeyring();
    AuditKeyring(AuditKeyring&&) noexcept = default;
    AuditKeyring& operator=(AuditKeyring&&) noexcept = default;
    AuditKeyring(const AuditKeyring&) = delete;
    AuditKeyring& operator=(const AuditKeyring&) = delete;

    /// Reads the file. Refused (audit.key_file) when it is missing, unreadable, malformed, or
    /// readable by anyone but its owner (group/other bits set), naming the file.
    static Result<AuditKeyring> load(const std::filesystem::path& file);
    /// Reads the file, or creates it with one new key when it does not exist (the folder made
    /// 0700, the file 0600, written to a temporary name, fsynced and linked into place so that
    /// two processes starting together end up with the same key). `created` says which.
    static Result<AuditKeyring> loadOrCreate(const std::filesystem::path& file, bool* created = nullptr);
    /// Appends a new key to the file (atomically: the whole file is rewritten to a temporary
    /// name, fsynced and renamed) and returns the keyring with it in force.
    static Result<AuditKeyring> rotate(const std::filesystem::path& file);
    /// A keyring held in memory only (tests).
    static AuditKeyring fromKeys(std::vector<AuditKey> keys);
    /// A new random key.
    static AuditKey generate();

    [[nodiscard]] const AuditKey& current() const { return m_keys.back(); }
    /// The key with this id, or nullptr.
    [[nodiscard]] const AuditKey* find(std::string_view id) const;
    [[nodiscard]] const std::vector<AuditKey>& keys() const { return m_keys; }
    [[nodiscard]] const std::filesystem::path& file() const { return m_file; }

    /// Hex HMAC-SHA-512-256 (crypto_auth) of `message` under `key`.
    static std::string mac(const AuditKey& key, std::string_view message);
    /// Constant-time check of a hex MAC (crypto_auth_verify).
    static bool verify(const AuditKey& key, std::string_view message, std::string_view hexMac);

private:
    AuditKeyring() = default;
    std::vector<AuditKey> m_keys;
    std::filesystem::path m_file;
};

} // namespace bhxh::store
