#include "ui/escape_key.h"

#include "ui/keys.h"

#include <imgui.h>

namespace bhxh::ui {
namespace {

int g_takenInFrame = -1;  // ImGui frame in which Esc was taken

} // namespace

bool EscapeKey::pending() {
    return ImGui::IsKeyPressed(keys::Escape, false) && g_takenInFrame != ImGui::GetFrameCount();
}

bool EscapeKey::take() {
    if (!pending()) return false;
    g_takenInFrame = ImGui::GetFrameCount();
    return true;
}

} // namespace bhxh::ui
