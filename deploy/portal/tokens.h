#pragma once
#include "common/result.h"

#include <map>
#include <optional>
#include <string>

namespace portal {

/// Bearer tokens per desk, read from a file: one "<office>-<desk> <token>" per line,
/// blank lines and '#' comments ignored. Tokens never come from the command line.
class Tokens {
public:
    /// Reads the file; an unreadable file, a malformed line or a short token is an error.
    static bhxh::Result<Tokens> load(const std::string& path);
    /// The desk id the token belongs to, compared in constant time.
    [[nodiscard]] std::optional<std::string> deskFor(const std::string& token) const;
    [[nodiscard]] std::size_t size() const { return m_byDesk.size(); }

private:
    std::map<std::string, std::string> m_byDesk; // desk id → token
};

} // namespace portal
