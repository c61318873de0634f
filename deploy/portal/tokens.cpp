#include "tokens.h"

#include <sodium.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace portal {

bhxh::Result<Tokens> Tokens::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return bhxh::makeError("tokens_unreadable", "tokens file " + path + ": cannot be read");
    }
    static const std::regex deskRe(R"(^\d{5}-[A-Za-z0-9]{1,16}$)");
    Tokens tokens;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        std::istringstream fields(line);
        std::string desk, token, extra;
        fields >> desk >> token;
        const std::string where = "tokens file " + path + " line " + std::to_string(lineNo);
        if (desk.empty() || token.empty() || (fields >> extra)) {
            return bhxh::makeError("tokens_malformed", where + ": expected '<office>-<desk> <token>'");
        }
        if (!std::regex_match(desk, deskRe)) {
            return bhxh::makeError("tokens_malformed", where + ": desk id must look like 07916-D01");
        }
        if (token.size() < 16) {
            return bhxh::makeError("tokens_malformed", where + ": token shorter than 16 characters");
        }
        tokens.m_byDesk[desk] = token;
    }
    if (tokens.m_byDesk.empty()) {
        return bhxh::makeError("tokens_empty", "tokens file " + path + ": no desk tokens");
    }
    return tokens;
}

std::optional<std::string> Tokens::deskFor(const std::string& token) const {
    std::optional<std::string> found;
    for (const auto& [desk, expected] : m_byDesk) {
        // Compare every entry in constant time so timing tells nothing about the tokens.
        if (expected.size() == token.size() &&
            sodium_memcmp(expected.data(), token.data(), token.size()) == 0) {
            found = desk;
        }
    }
    return found;
}

} // namespace portal
