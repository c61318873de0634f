#include "store/process_identity.h"

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace bhxh::store {
namespace {

// Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count from ')'.
std::string startTime(const std::string& pid) {
    std::ifstream in("/proc/" + pid + "/stat");
    std::string line;
    if (!std::getline(in, line)) return {};
    const auto close = line.rfind(')');
    if (close == std::string::npos) return {};
    std::istringstream rest(line.substr(close + 2));
    std::string value;
    for (int field = 3; field <= 22 && (rest >> value); ++field) {
        if (field == 3 && (value == "Z" || value == "X")) return {};  // killed, not yet reaped
        if (field == 22) return value;
    }
    return {};
}

} // namespace

const std::string& ProcessIdentity::current() {
    static const std::string token = [] {
        const std::string pid = std::to_string(::getpid());
        return pid + ":" + startTime(pid);
    }();
    return token;
}

bool ProcessIdentity::isAlive(const std::string& token) {
    const auto colon = token.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    const std::string start = startTime(token.substr(0, colon));
    return !start.empty() && start == token.substr(colon + 1);
}

} // namespace bhxh::store
