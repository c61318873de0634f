#include "app/asset_paths.h"

#include <cstdlib>
#include <unistd.h>

namespace bhxh::app {
namespace {

std::filesystem::path executableDir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

} // namespace

std::filesystem::path AssetPaths::assetsDir(const AppConfig& config) {
    if (!config.paths.assetsDir.empty()) return config.paths.assetsDir;
    if (const char* env = std::getenv("BHXH_DESK_ASSETS"); env && *env) return env;
    std::error_code ec;
    const auto installed = executableDir() / ".." / "share" / "bhxh-desk" / "assets";
    if (std::filesystem::is_directory(installed / "lang", ec)) return installed.lexically_normal();
    return BHXH_SOURCE_ASSETS_DIR;
}

} // namespace bhxh::app
