#include "declarations/adapters/desk_token.h"

#include "declarations/portal_errors.h"

#include <cstdlib>
#include <fstream>
#include <sys/stat.h>

namespace bhxh::declarations {
namespace {
std::string trim(std::string s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}
} // namespace

Result<std::string> DeskToken::load(const std::filesystem::path& tokenFile) {
    if (const char* env = std::getenv("BHXH_DESK_TOKEN"); env && *env) {
        return trim(env);
    }
    if (tokenFile.empty()) {
        return Error{portal_error::kConfig, "portal.token_file: no token (set BHXH_DESK_TOKEN or portal.token_file)"};
    }
    struct stat st {};
    if (::stat(tokenFile.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return Error{portal_error::kConfig, "portal.token_file: " + tokenFile.string() + ": no such file"};
    }
    if ((st.st_mode & 077) != 0) {
        return Error{portal_error::kConfig, "portal.token_file: " + tokenFile.string() +
                                                " must be readable by its owner only (chmod 600)"};
    }
    std::ifstream in(tokenFile);
    std::string line;
    if (!in || !std::getline(in, line) || trim(line).empty()) {
        return Error{portal_error::kConfig, "portal.token_file: " + tokenFile.string() + ": empty or unreadable"};
    }
    return trim(line);
}

} // namespace bhxh::declarations
