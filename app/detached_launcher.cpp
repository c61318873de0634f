#include "app/detached_launcher.h"

#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace bhxh::app {
namespace {
constexpr int kMissing = 127;
} // namespace

Result<void> DetachedLauncher::launch(const std::string& program, const std::vector<std::string>& args) {
    // The program and its arguments reach the shell as positional parameters, never as script
    // text: nothing in a path is interpreted.
    const std::string script = "command -v \"$0\" >/dev/null 2>&1 || exit " + std::to_string(kMissing) +
                               "; \"$0\" \"$@\" </dev/null >/dev/null 2>&1 &";
    std::vector<std::string> words{"sh", "-c", script, program};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv.data(), environ) != 0) {
        return makeError("launch.failed", "cannot start /bin/sh to open " + program);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return makeError("launch.failed", "lost the shell that starts " + program);
    if (WIFEXITED(status) && WEXITSTATUS(status) == kMissing) {
        return makeError("launch.missing", program + " is not installed");
    }
    return {};
}

} // namespace bhxh::app
