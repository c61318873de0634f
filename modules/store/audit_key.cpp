#include "store/audit_key.h"

#include <sodium.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace bhxh::store {
namespace {

constexpr std::string_view kTag = "bhxh-audit-key-v1";
// The id is a keyed hash of this label: it names the key without revealing anything about it.
constexpr std::string_view kIdLabel = "bhxh-desk audit key id";

void sodiumReady() {
    [[maybe_unused]] static const int ready = sodium_init();
}

std::string toHex(const unsigned char* bytes, std::size_t n) {
    std::string hex(n * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, n);
    hex.pop_back();
    return hex;
}

// 16 hex digits: the first 8 bytes of a 16-byte keyed BLAKE2b (crypto_generichash's minimum).
std::string keyId(const std::vector<unsigned char>& key) {
    unsigned char id[crypto_generichash_BYTES_MIN];
    crypto_generichash(id, sizeof id, reinterpret_cast<const unsigned char*>(kIdLabel.data()), kIdLabel.size(),
                       key.data(), key.size());
    return toHex(id, 8);
}

Error fileError(const std::filesystem::path& file, const std::string& why) {
    return makeError("audit.key_file", "audit.key_file: " + file.string() + ": " + why);
}

std::string serialise(const std::vector<AuditKey>& keys) {
    std::string out = "# bhxh-desk audit keys: the last line is in force; keep every line (older entries need them)\n";
    for (const auto& k : keys) {
        out += std::string(kTag) + " " + k.id + " " + toHex(k.bytes.data(), k.bytes.size()) + "\n";
    }
    return out;
}

// The folder of the key file, created 0700 (and tightened to 0700 when it exists).
Result<void> privateFolder(const std::filesystem::path& file) {
    const auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    std::error_code ec;
    const bool made = std::filesystem::create_directories(dir, ec);
    if (ec) return fileError(file, "cannot create the folder (" + ec.message() + ")");
    if (made) std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
    if (ec) return fileError(file, "cannot make the folder private (" + ec.message() + ")");
    return {};
}

// Writes `content` to a new 0600 file next to `file` and fsyncs it; returns its name.
Result<std::filesystem::path> writeTemporary(const std::filesystem::path& file, const std::string& content) {
    std::string name = file.string() + ".XXXXXX";
    const int fd = ::mkstemp(name.data());  // 0600
    if (fd < 0) return fileError(file, std::string("cannot create a temporary file (") + std::strerror(errno) + ")");
    std::size_t done = 0;
    bool ok = true;
    while (ok && done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        ::unlink(name.c_str());
        return fileError(file, "cannot write the key");
    }
    return std::filesystem::path(name);
}

void syncFolder(const std::filesystem::path& file) {
    const auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)::fsync(dfd);
        ::close(dfd);
    }
}

} // namespace

AuditKeyring::~AuditKeyring() {
    for (auto& k : m_keys) sodium_memzero(k.bytes.data(), k.bytes.size());
}

AuditKey AuditKeyring::generate() {
    sodiumReady();
    AuditKey key;
    key.bytes.resize(crypto_auth_KEYBYTES);
    crypto_auth_keygen(key.bytes.data());
    key.id = keyId(key.bytes);
    return key;
}

AuditKeyring AuditKeyring::fromKeys(std::vector<AuditKey> keys) {
    AuditKeyring ring;
    ring.m_keys = std::move(keys);
    return ring;
}

const AuditKey* AuditKeyring::find(std::string_view id) const {
    for (const auto& k : m_keys) {
        if (k.id == id) return &k;
    }
    return nullptr;
}

std::string AuditKeyring::mac(const AuditKey& key, std::string_view message) {
    sodiumReady();
    unsigned char out[crypto_auth_BYTES];
    crypto_auth(out, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key.bytes.data());
    return toHex(out, sizeof out);
}

bool AuditKeyring::verify(const AuditKey& key, std::string_view message, std::string_view hexMac) {
    sodiumReady();
    unsigned char expected[crypto_auth_BYTES];
    std::size_t len = 0;
    if (sodium_hex2bin(expected, sizeof expected, hexMac.data(), hexMac.size(), nullptr, &len, nullptr) != 0 ||
        len != sizeof expected) {
        return false;
    }
    return crypto_auth_verify(expected, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                              key.bytes.data()) == 0;
}

Result<AuditKeyring> AuditKeyring::load(const std::filesystem::path& file) {
    sodiumReady();
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return fileError(file, "no such file");
    if ((st.st_mode & 077) != 0) return fileError(file, "must be readable by its owner only (chmod 600)");
    std::ifstream in(file);
    if (!in) return fileError(file, "cannot be read");
    AuditKeyring ring;
    ring.m_file = file;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line.front() == '#') continue;
        std::istringstream fields(line);
        std::string tag, id, hex;
        fields >> tag >> id >> hex;
        AuditKey key;
        key.bytes.resize(crypto_auth_KEYBYTES);
        std::size_t len = 0;
        if (tag != kTag || sodium_hex2bin(key.bytes.data(), key.bytes.size(), hex.data(), hex.size(), nullptr, &len,
                                          nullptr) != 0 || len != key.bytes.size()) {
            sodium_memzero(line.data(), line.size());
            return fileError(file, "line " + std::to_string(number) + " is not a bhxh-desk audit key");
        }
        sodium_memzero(line.data(), line.size());
        sodium_memzero(hex.data(), hex.size());
        key.id = keyId(key.bytes);
        if (key.id != id) return fileError(file, "line " + std::to_string(number) + ": the key does not match its id");
        ring.m_keys.push_back(std::move(key));
    }
    if (ring.m_keys.empty()) return fileError(file, "holds no key");
    return ring;
}

Result<AuditKeyring> AuditKeyring::loadOrCreate(const std::filesystem::path& file, bool* created) {
    if (created) *created = false;
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) return load(file);
    if (auto ok = privateFolder(file); !ok) return ok.error();
    std::vector<AuditKey> keys{generate()};
    std::string content = serialise(keys);
    auto temp = writeTemporary(file, content);
    sodium_memzero(content.data(), content.size());
    for (auto& k : keys) sodium_memzero(k.bytes.data(), k.bytes.size());
    if (!temp) return temp.error();
    // link() fails when the name exists: a process that lost the race reads the winner's key.
    const bool won = ::link(temp->c_str(), file.c_str()) == 0;
    const int linkErrno = errno;
    ::unlink(temp->c_str());
    if (!won && linkErrno != EEXIST) return fileError(file, std::string("cannot create (") + std::strerror(linkErrno) + ")");
    syncFolder(file);
    if (won && created) *created = true;
    return load(file);
}

Result<AuditKeyring> AuditKeyring::rotate(const std::filesystem::path& file) {
    auto ring = load(file);
    if (!ring) return ring.error();
    ring->m_keys.push_back(generate());
    std::string content = serialise(ring->m_keys);
    auto temp = writeTemporary(file, content);
    sodium_memzero(content.data(), content.size());
    if (!temp) return temp.error();
    std::error_code ec;
    std::filesystem::rename(*temp, file, ec);
    if (ec) {
        ::unlink(temp->c_str());
        return fileError(file, "cannot replace (" + ec.message() + ")");
    }
    syncFolder(file);
    return ring;
}

} // namespace bhxh::store
