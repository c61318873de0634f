#pragma once
#include "app/app_config.h"

#include <filesystem>
#include <optional>
#include <string>

namespace bhxh::app {

/// Exit codes shared by the console and every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  ///< the work failed (I/O, a check that found a problem)
inline constexpr int kExitUsage = 2;    ///< bad command line or bad configuration

/// What a subcommand gets from main(): the global options and the configuration, loaded on
/// first use (after the command line has been parsed), and the exit code it sets.
class CommandEnv {
public:
    /// Global options, filled by the command-line parser.
    std::string configPath;
    bool kiosk = false;
    std::string language;
    std::string officer;  ///< --officer: typed into the sign-in form

    /// The configuration with --kiosk/--lang applied and default paths resolved; nullptr when
    /// it is bad (the error is already printed on stderr and the exit code set to kExitUsage).
    const AppConfig* config();

    void setExitCode(int code) { m_exitCode = code; }
    [[nodiscard]] int exitCode() const { return m_exitCode; }
    /// True once a subcommand has run (main then does not open the window).
    [[nodiscard]] bool commandRan() const { return m_commandRan; }
    void markCommandRan() { m_commandRan = true; }

private:
    std::optional<AppConfig> m_config;
    bool m_loaded = false;
    int m_exitCode = kExitOk;
    bool m_commandRan = false;
};

} // namespace bhxh::app
