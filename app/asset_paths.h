#pragma once
#include "app/app_config.h"

#include <filesystem>

namespace bhxh::app {

/// Where the read-only files live (assets/, db/migrations): the configured folder, else
/// $BHXH_DESK_ASSETS, else the installed share folder next to the executable, else the source
/// tree the executable was built from.
class AssetPaths {
public:
    static std::filesystem::path assetsDir(const AppConfig& config);
    static std::filesystem::path langDir(const AppConfig& config) { return assetsDir(config) / "lang"; }
};

} // namespace bhxh::app
