#pragma once
#include "ui_model/login_snapshot.h"
#include "ui/view.h"

#include <functional>
#include <string>

namespace bhxh::ui {

/// The screen in front of the views: first-administrator set-up, sign-in, and the idle lock
/// (which hides every personal datum until the officer's password is given again). Passwords
/// live in fixed buffers that are wiped as soon as they are handed over.
class LoginView : public View {
public:
    struct Commands {
        std::function<void(const std::string& id, const std::string& password)> login;
        std::function<void(const std::string& id, const std::string& name, const std::string& password)> setup;
        std::function<void(const std::string& password)> unlock;
        std::function<void()> signOut;
    };

    LoginView(const LoginSnapshot& snapshot, Commands commands);
    ~LoginView() override;
    [[nodiscard]] const char* titleKey() const override { return "login.title"; }
    void draw(const UiContext& ctx) override;

private:
    void drawSetup(const UiContext& ctx);
    void drawSignIn(const UiContext& ctx);
    void drawLocked(const UiContext& ctx);
    void drawError(const UiContext& ctx);
    void wipePasswords();

    const LoginSnapshot& m_snapshot;
    Commands m_commands;
    LoginSnapshot::Stage m_lastStage = LoginSnapshot::Stage::Starting;
    bool m_focus = true;
    char m_id[65] = {};
    char m_name[101] = {};
    char m_password[129] = {};
    char m_repeat[129] = {};
    bool m_mismatch = false;
};

} // namespace bhxh::ui
