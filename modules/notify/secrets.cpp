#include "notify/secrets.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace bhxh::notify {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

} // namespace

Result<std::map<std::string, std::string>> Secrets::parse(const std::string& text) {
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        const auto eq = t.find('=');
        if (eq == std::string::npos || eq == 0)
            return makeError("notify.secrets", "line " + std::to_string(number) + " is not NAME=value");
        std::string value = trim(t.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        out[lower(trim(t.substr(0, eq)))] = value;
    }
    return out;
}

Result<std::map<std::string, std::string>> Secrets::load(const std::filesystem::path& file, const std::string& envPrefix) {
    std::map<std::string, std::string> out;
    if (!file.empty()) {
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0) return makeError("notify.secrets", file.string() + ": cannot be read");
        if ((st.st_mode & 077) != 0)
            return makeError("notify.secrets", file.string() + ": must be readable by its owner only (chmod 600)");
        std::ifstream in(file, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        auto parsed = parse(ss.str());
        if (!parsed) return makeError(parsed.error().code, file.string() + ": " + parsed.error().message);
        out = std::move(parsed.value());
    }
    if (!envPrefix.empty()) {
        for (char** e = environ; e && *e; ++e) {
            const std::string entry(*e);
            if (entry.rfind(envPrefix, 0) != 0) continue;
            const auto eq = entry.find('=');
            if (eq == std::string::npos || eq <= envPrefix.size()) continue;
            out[lower(entry.substr(envPrefix.size(), eq - envPrefix.size()))] = entry.substr(eq + 1);
        }
    }
    return out;
}

} // namespace bhxh::notify
