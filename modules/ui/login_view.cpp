#include "ui/login_view.h"

#include "ui/keys.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace bhxh::ui {
namespace {

const ImVec4 kError(0.75f, 0.20f, 0.18f, 1.0f);

void wipe(char* buffer, std::size_t size) {
    volatile char* p = buffer;
    for (std::size_t i = 0; i < size; ++i) p[i] = 0;
}

// A panel of a fixed width in the middle of the content area.
void beginPanel(float width) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float x = std::max(0.0f, (avail.x - width) / 2);
    ImGui::Dummy(ImVec2(0, std::max(0.0f, avail.y * 0.15f)));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
    ImGui::BeginChild("##login-panel", ImVec2(width, 0), false);
}

bool enterPressed() { return ImGui::IsKeyPressed(keys::Enter, false); }

} // namespace

LoginView::LoginView(const LoginSnapshot& snapshot, Commands commands)
    : m_snapshot(snapshot), m_commands(std::move(commands)) {}

LoginView::~LoginView() { wipePasswords(); }

void LoginView::wipePasswords() {
    wipe(m_password, sizeof m_password);
    wipe(m_repeat, sizeof m_repeat);
}

void LoginView::draw(const UiContext& ctx) {
    if (m_snapshot.stage != m_lastStage) {
        // A new screen: start with empty password fields and the cursor in the first field.
        wipePasswords();
        m_focus = true;
        m_mismatch = false;
        if (m_snapshot.stage == LoginSnapshot::Stage::SignedOut && m_id[0] == 0 && !m_snapshot.prefillId.empty()) {
            std::strncpy(m_id, m_snapshot.prefillId.c_str(), sizeof m_id - 1);
        }
        m_lastStage = m_snapshot.stage;
    }
    beginPanel(ImGui::GetFontSize() * 26);
    switch (m_snapshot.stage) {
    case LoginSnapshot::Stage::Starting:
        ImGui::TextDisabled("%s", ctx.lang.tr("login.starting"));
        break;
    case LoginSnapshot::Stage::Unavailable:
        ImGui::TextColored(kError, "%s", ctx.lang.tr("login.unavailable"));
        ImGui::TextWrapped("%s", m_snapshot.errorDetail.c_str());
        break;
    case LoginSnapshot::Stage::Setup:
        drawSetup(ctx);
        break;
    case LoginSnapshot::Stage::SignedOut:
        drawSignIn(ctx);
        break;
    case LoginSnapshot::Stage::Locked:
        drawLocked(ctx);
        break;
    case LoginSnapshot::Stage::SignedIn:
        break;
    }
    ImGui::EndChild();
}

void LoginView::drawError(const UiContext& ctx) {
    if (m_mismatch) {
        ImGui::TextColored(kError, "%s", ctx.lang.tr("login.passwords_differ"));
    } else if (!m_snapshot.errorKey.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kError, "%s", ctx.lang.format(m_snapshot.errorKey, {{"detail", m_snapshot.errorDetail}}).c_str());
        ImGui::PopTextWrapPos();
    }
}

void LoginView::drawSetup(const UiContext& ctx) {
    ImGui::TextUnformatted(ctx.lang.tr("login.setup_title"));
    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", ctx.lang.tr("login.setup_hint"));
    ImGui::PopTextWrapPos();
    if (m_focus) {
        ImGui::SetKeyboardFocusHere();
        m_focus = false;
    }
    ImGui::InputText(ctx.lang.tr("login.officer_id"), m_id, sizeof m_id, ImGuiInputTextFlags_CharsNoBlank);
    ImGui::InputText(ctx.lang.tr("login.display_name"), m_name, sizeof m_name);
    ImGui::InputText(ctx.lang.tr("login.password"), m_password, sizeof m_password, ImGuiInputTextFlags_Password);
    ImGui::InputText(ctx.lang.tr("login.repeat_password"), m_repeat, sizeof m_repeat, ImGuiInputTextFlags_Password);
    const bool ready = !m_snapshot.busy && m_id[0] && m_name[0] && m_password[0] && m_repeat[0];
    ImGui::BeginDisabled(!ready);
    const std::string label = std::string(ctx.lang.tr("login.create_admin")) + " (Enter)";
    const bool submit = ImGui::Button(label.c_str()) || (ready && enterPressed());
    ImGui::EndDisabled();
    if (m_snapshot.busy) ImGui::TextDisabled("%s", ctx.lang.tr("login.checking"));
    if (submit && m_commands.setup) {
        m_mismatch = std::strcmp(m_password, m_repeat) != 0;
        if (!m_mismatch) m_commands.setup(m_id, m_name, m_password);
        wipePasswords();
    }
    drawError(ctx);
}

void LoginView::drawSignIn(const UiContext& ctx) {
    ImGui::TextUnformatted(ctx.lang.tr("login.title"));
    ImGui::Separator();
    if (m_focus) {
        ImGui::SetKeyboardFocusHere(m_id[0] ? 1 : 0);
        m_focus = false;
    }
    ImGui::InputText(ctx.lang.tr("login.officer_id"), m_id, sizeof m_id, ImGuiInputTextFlags_CharsNoBlank);
    ImGui::InputText(ctx.lang.tr("login.password"), m_password, sizeof m_password, ImGuiInputTextFlags_Password);
    const bool ready = !m_snapshot.busy && m_id[0] && m_password[0];
    ImGui::BeginDisabled(!ready);
    const std::string label = std::string(ctx.lang.tr("login.sign_in")) + " (Enter)";
    const bool submit = ImGui::Button(label.c_str()) || (ready && enterPressed());
    ImGui::EndDisabled();
    if (m_snapshot.busy) ImGui::TextDisabled("%s", ctx.lang.tr("login.checking"));
    if (submit && m_commands.login) {
        m_commands.login(m_id, m_password);
        wipePasswords();
        m_focus = true;
    }
    drawError(ctx);
}

void LoginView::drawLocked(const UiContext& ctx) {
    ImGui::TextUnformatted(ctx.lang.tr("login.locked_title"));
    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(
        ctx.lang.format("login.locked_hint", {{"name", m_snapshot.officerName}, {"id", m_snapshot.officerId}}).c_str());
    ImGui::PopTextWrapPos();
    if (m_focus) {
        ImGui::SetKeyboardFocusHere();
        m_focus = false;
    }
    ImGui::InputText(ctx.lang.tr("login.password"), m_password, sizeof m_password, ImGuiInputTextFlags_Password);
    const bool ready = !m_snapshot.busy && m_password[0];
    ImGui::BeginDisabled(!ready);
    const std::string label = std::string(ctx.lang.tr("login.unlock")) + " (Enter)";
    const bool submit = ImGui::Button(label.c_str()) || (ready && enterPressed());
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(ctx.lang.tr("login.sign_out")) && m_commands.signOut) {
        wipePasswords();
        m_commands.signOut();
    }
    if (m_snapshot.busy) ImGui::TextDisabled("%s", ctx.lang.tr("login.checking"));
    if (submit && m_commands.unlock) {
        m_commands.unlock(m_password);
        wipePasswords();
        m_focus = true;
    }
    drawError(ctx);
}

} // namespace bhxh::ui
