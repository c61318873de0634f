#pragma once
#include <string>
#include <vector>

namespace bhxh::ui {

/// What the settings screen shows: the configuration in force, grouped, and the outcome of the
/// connection tests an administrator ran from it. Written on the UI thread only.
struct SettingsSnapshot {
    struct Row {
        std::string labelKey;  ///< lang key of the setting's name
        std::string value;     ///< as configured (never a secret: only where the desk finds it)
        bool valueIsKey = false;  ///< value is a lang key (yes / no)
    };
    struct Group {
        std::string titleKey;
        std::string test;      ///< the connection test its button runs ("" = none): camera, portal, …
        std::vector<Row> rows;
    };
    struct CheckLine {
        std::string status;    ///< OK | WARN | FAIL
        std::string subject;
        std::string detail;
        std::string fix;
    };
    std::vector<Group> groups;
    std::string configFile;         ///< where the values come from ("" = defaults)
    std::vector<CheckLine> results; ///< of the last test run
    std::string running;            ///< the test running now, "" = none
};

} // namespace bhxh::ui
