#include "app/xdg_paths.h"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace bhxh::app {

std::filesystem::path XdgPaths::fromEnv(const char* variable, const char* fallbackUnderHome) {
    const char* value = std::getenv(variable);
    // The spec says a relative path in these variables is invalid and must be ignored.
    if (value && *value && value[0] == '/') return value;
    const char* home = std::getenv("HOME");
    if (!home || !*home) {
        const passwd* pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : "/tmp";
    }
    return std::filesystem::path(home) / fallbackUnderHome;
}

std::filesystem::path XdgPaths::dataHome() { return fromEnv("XDG_DATA_HOME", ".local/share"); }
std::filesystem::path XdgPaths::stateHome() { return fromEnv("XDG_STATE_HOME", ".local/state"); }
std::filesystem::path XdgPaths::configHome() { return fromEnv("XDG_CONFIG_HOME", ".config"); }

} // namespace bhxh::app
