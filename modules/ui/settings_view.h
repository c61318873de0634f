#pragma once
#include "common/access_hooks.h"
#include "ui/settings_snapshot.h"
#include "ui/view.h"

#include <functional>
#include <string>

namespace bhxh::ui {

/// The administrator's screen: the camera, portal, SMS, e-mail, face and privacy settings in
/// force, a "test connection" button per group and one that runs every check of
/// `bhxh-desk doctor`. Other roles see only that the screen is the administrator's. The values
/// are changed in the configuration file (named on the screen), whose checks refuse bad ones.
class SettingsView : public View {
public:
    struct Commands {
        /// Runs one test ("camera", "portal", "email", "sms") or "all", off the UI thread.
        std::function<void(const std::string& test)> runTest;
    };
    SettingsView(const SettingsSnapshot& snapshot, Commands commands, AuthorizeFn authorize);
    [[nodiscard]] const char* titleKey() const override { return "view.settings"; }
    void draw(const UiContext& ctx) override;

private:
    void drawResults(const UiContext& ctx);

    const SettingsSnapshot& m_snapshot;
    Commands m_commands;
    AuthorizeFn m_authorize;
};

} // namespace bhxh::ui
