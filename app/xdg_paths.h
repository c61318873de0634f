#pragma once
#include <filesystem>

namespace bhxh::app {

/// XDG base directories (https://specifications.freedesktop.org/basedir-spec/), falling back to
/// the spec's defaults under $HOME.
class XdgPaths {
public:
    static std::filesystem::path dataHome();    ///< $XDG_DATA_HOME or ~/.local/share
    static std::filesystem::path stateHome();   ///< $XDG_STATE_HOME or ~/.local/state
    static std::filesystem::path configHome();  ///< $XDG_CONFIG_HOME or ~/.config

private:
    static std::filesystem::path fromEnv(const char* variable, const char* fallbackUnderHome);
};

} // namespace bhxh::app
