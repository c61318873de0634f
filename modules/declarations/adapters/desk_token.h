#pragma once
#include "common/result.h"

#include <filesystem>
#include <string>

namespace bhxh::declarations {

/// The desk's bearer token: BHXH_DESK_TOKEN when set, else the first line of a file that only
/// its owner may read (mode 0600 or stricter; anything looser is refused). Never logged.
class DeskToken {
public:
    static Result<std::string> load(const std::filesystem::path& tokenFile);
};

} // namespace bhxh::declarations
