#include "app/volume_encryption.h"

#include <deque>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

namespace bhxh::app {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxMountinfoBytes = 8u * 1024u * 1024u;  // thousands of mounts fit in far less
constexpr std::size_t kMaxMounts = 100'000;
constexpr std::size_t kMaxSmallFile = 4096;                     // sysfs "dev" and "dm/uuid"
constexpr std::size_t kMaxBlockDevices = 10'000;
constexpr std::size_t kMaxStackDepth = 16;                      // dm over dm over md over … partitions

// At most `limit` bytes of a file; nullopt when it cannot be opened.
std::optional<std::string> readBounded(const fs::path& path, std::size_t limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text(limit, '\0');
    in.read(text.data(), static_cast<std::streamsize>(limit));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

// mountinfo writes space, tab, newline and backslash in paths as \040, \011, \012, \134.
std::string unescapeOctal(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' &&
            s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
            out.push_back(static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
            i += 3;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

struct Mount {
    std::string majorMinor;
    std::string mountPoint;
    std::string fsType;
    std::string source;
};

// True when `mountPoint` is `folder` or one of its parents (whole path components).
bool holds(const std::string& mountPoint, const std::string& folder) {
    if (mountPoint == "/") return true;
    if (folder.compare(0, mountPoint.size(), mountPoint) != 0) return false;
    return folder.size() == mountPoint.size() || folder[mountPoint.size()] == '/';
}

std::optional<Mount> mountHolding(const fs::path& mountinfo, const std::string& folder) {
    const auto text = readBounded(mountinfo, kMaxMountinfoBytes);
    if (!text) return std::nullopt;
    std::istringstream lines(*text);
    std::optional<Mount> best;
    std::string line;
    for (std::size_t n = 0; n < kMaxMounts && std::getline(lines, line); ++n) {
        // id parent major:minor root mount-point options [optional…] - fstype source super-options
        std::istringstream words(line);
        std::vector<std::string> f;
        for (std::string w; f.size() < 64 && words >> w;) f.push_back(w);
        std::size_t dash = 6;
        while (dash < f.size() && f[dash] != "-") ++dash;
        if (f.size() < 5 || dash + 2 >= f.size()) continue;
        Mount m{f[2], unescapeOctal(f[4]), f[dash + 1], unescapeOctal(f[dash + 2])};
        // The longest mount point above the folder; of equal ones the last (mounted on top).
        if (holds(m.mountPoint, folder) && (!best || m.mountPoint.size() >= best->mountPoint.size())) best = m;
    }
    return best;
}

// The kernel's name of the block device major:minor ("vda", "dm-0"), from sys/class/block/*/dev.
std::optional<std::string> blockDeviceNamed(const fs::path& classBlock, const std::string& majorMinor) {
    std::error_code ec;
    fs::directory_iterator it(classBlock, ec);
    for (std::size_t n = 0; !ec && it != fs::directory_iterator() && n < kMaxBlockDevices; it.increment(ec), ++n) {
        const auto dev = readBounded(it->path() / "dev", kMaxSmallFile);
        if (dev && trimmed(*dev) == majorMinor) return it->path().filename().string();
    }
    return std::nullopt;
}

// The first dm-crypt device at or below `device` (breadth first through slaves/).
std::optional<std::string> cryptDeviceBelow(const fs::path& classBlock, const std::string& device) {
    std::deque<std::pair<std::string, std::size_t>> todo{{device, 0}};
    std::set<std::string> seen;
    while (!todo.empty() && seen.size() < kMaxBlockDevices) {
        auto [name, depth] = todo.front();
        todo.pop_front();
        if (name.empty() || name.find('/') != std::string::npos || !seen.insert(name).second) continue;
        const auto uuid = readBounded(classBlock / name / "dm" / "uuid", kMaxSmallFile);
        if (uuid && uuid->rfind("CRYPT-", 0) == 0) return name;
        if (depth >= kMaxStackDepth) continue;
        std::error_code ec;
        fs::directory_iterator it(classBlock / name / "slaves", ec);
        for (std::size_t n = 0; !ec && it != fs::directory_iterator() && n < kMaxBlockDevices; it.increment(ec), ++n) {
            todo.emplace_back(it->path().filename().string(), depth + 1);
        }
    }
    return std::nullopt;
}

// The folder as the kernel's mount table names it: absolute, symbolic links of the part that
// exists resolved (only on the real root: a fake tree's paths are not this machine's).
std::string kernelPath(const fs::path& folder, const fs::path& root) {
    std::error_code ec;
    fs::path p = fs::absolute(folder, ec);
    if (ec) p = folder;
    if (root == "/") {
        const auto resolved = fs::weakly_canonical(p, ec);
        if (!ec) p = resolved;
    }
    std::string s = p.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

} // namespace

VolumeEncryption::Finding VolumeEncryption::probe(const fs::path& folder, const fs::path& root) {
    Finding found;
    const std::string path = kernelPath(folder, root);
    const auto mount = mountHolding(root / "proc" / "self" / "mountinfo", path);
    if (!mount) {
        found.detail = "no mount holds " + path + " (proc/self/mountinfo unreadable?): encryption cannot be checked";
        return found;
    }
    found.mountPoint = mount->mountPoint;
    found.source = mount->source;
    const std::string on = path + " is on " + mount->fsType + " " + mount->source + " (mounted at " +
                           mount->mountPoint + ")";
    if (mount->majorMinor.rfind("0:", 0) == 0) {
        found.detail = on + ", not a block device: whether it is encrypted cannot be checked";
        return found;
    }
    const fs::path classBlock = root / "sys" / "class" / "block";
    const auto device = blockDeviceNamed(classBlock, mount->majorMinor);
    if (!device) {
        found.detail = on + "; block device " + mount->majorMinor + " is not in /sys/class/block: cannot be checked";
        return found;
    }
    found.device = *device;
    if (const auto crypt = cryptDeviceBelow(classBlock, *device)) {
        found.state = State::Encrypted;
        found.device = *crypt;
        found.detail = on + ", encrypted by dm-crypt (" + *crypt + ")";
        return found;
    }
    found.state = State::NotEncrypted;
    found.detail = on + " (" + *device + "), which is not encrypted (no dm-crypt/LUKS device under it)";
    return found;
}

} // namespace bhxh::app
