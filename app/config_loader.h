#pragma once
#include "app/app_config.h"
#include "common/result.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bhxh::app {

/// Reads the TOML configuration. Unknown keys, wrong types and out-of-range values are errors
/// that name the file, the line and the key (a typo must not silently fall back to a default).
class ConfigLoader {
public:
    /// Which file to read: --config PATH, else $BHXH_DESK_CONFIG, else
    /// $XDG_CONFIG_HOME/bhxh-desk/config.toml, else /etc/bhxh-desk/config.toml; nullopt = none
    /// exists (defaults). An explicitly named file that does not exist is returned as is, so
    /// that loading it fails loudly.
    static std::optional<std::filesystem::path> locate(const std::optional<std::filesystem::path>& explicitPath);

    static Result<AppConfig> loadFile(const std::filesystem::path& path);
    /// `sourceName` is used in error messages in place of a path.
    static Result<AppConfig> loadString(std::string_view toml, const std::string& sourceName);
    /// Fills the empty paths with their XDG defaults.
    static void resolveDefaults(AppConfig& config);
};

} // namespace bhxh::app
