#include "common/private_file.h"

#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bhxh {

namespace {

Error failure(const std::filesystem::path& path, const std::string& what) {
    return makeError("file.write", path.string() + ": " + what);
}

std::string reason() { return std::strerror(errno); }

// Each missing folder on the way is made 0700 (whatever the umask leaves of it).
Result<void> makeFolders(const std::filesystem::path& dir) {
    if (dir.empty()) return {};
    std::filesystem::path at;
    for (const auto& part : dir) {
        at /= part;
        if (::mkdir(at.c_str(), 0700) != 0 && errno != EEXIST) {
            return failure(at, "cannot create the folder: " + reason());
        }
    }
    struct stat info {};
    if (::stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) return failure(dir, "not a folder");
    return {};
}

bool writeAll(int fd, std::string_view content) {
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

Result<void> writePrivateFile(const std::filesystem::path& path, std::string_view content) {
    if (path.filename().empty()) return failure(path, "not a file name");
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (auto made = makeFolders(path.parent_path()); !made) return made.error();

    std::string pattern = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());  // 0600
    if (fd < 0) return failure(dir, "cannot create a file there: " + reason());
    const std::filesystem::path temp = pattern;
    const bool written = writeAll(fd, content);
    const std::string writeError = written ? "" : reason();
    const bool synced = written && ::fsync(fd) == 0;
    const std::string syncError = synced ? "" : reason();
    const bool closed = ::close(fd) == 0;
    if (!written || !synced || !closed) {
        ::unlink(temp.c_str());
        return failure(path, !written ? "cannot write (" + writeError + ")"
                             : !synced ? "cannot sync to disk (" + syncError + ")"
                                       : "cannot close");
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string why = reason();
        ::unlink(temp.c_str());
        return failure(path, "cannot put the file in place: " + why);
    }
    // The rename is durable once the folder's entry is on disk.
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return failure(dir, "cannot open the folder to sync it: " + reason());
    const bool dirSynced = ::fsync(dfd) == 0;
    ::close(dfd);
    if (!dirSynced) return failure(dir, "cannot sync the folder: " + reason());
    return {};
}

} // namespace bhxh
