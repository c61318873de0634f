#pragma once
#include "common/result.h"

#include <filesystem>
#include <map>
#include <string>

namespace bhxh::notify {

/// Gateway secrets never live in the config file: they come from a file readable by its owner
/// only (mode 0600 or stricter; NAME=value lines, # comments) and/or from the environment
/// (<prefix><NAME> upper-case, e.g. BHXH_SMS_API_KEY → api_key), the environment winning.
/// Values are never logged; errors name the file or variable, never the value.
class Secrets {
public:
    /// Reads `file` (when not empty) then the environment variables starting with `envPrefix`.
    static Result<std::map<std::string, std::string>> load(const std::filesystem::path& file, const std::string& envPrefix);
    /// Parses NAME=value lines; names are lower-cased.
    static Result<std::map<std::string, std::string>> parse(const std::string& text);
};

} // namespace bhxh::notify
