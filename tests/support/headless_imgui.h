#pragma once
#include "ui/keys.h"

#include <imgui.h>

#include <functional>
#include <initializer_list>

namespace bhxh::ui::test {

/// A Dear ImGui context without a window: frames are run by hand, keys pressed and characters
/// typed as the GLFW backend would report them (the same key codes, the same key map).
class HeadlessImGui {
public:
    HeadlessImGui() {
        m_context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1400, 860);
        io.DeltaTime = 1.0f / 30.0f;
        unsigned char* pixels = nullptr;
        int width = 0;
        int height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        io.KeyMap[ImGuiKey_Escape] = keys::Escape;
        io.KeyMap[ImGuiKey_Enter] = keys::Enter;
        io.KeyMap[ImGuiKey_Tab] = keys::Tab;
        io.KeyMap[ImGuiKey_UpArrow] = keys::Up;
        io.KeyMap[ImGuiKey_DownArrow] = keys::Down;
        io.KeyMap[ImGuiKey_LeftArrow] = keys::Left;
        io.KeyMap[ImGuiKey_RightArrow] = keys::Right;
        io.KeyMap[ImGuiKey_Delete] = keys::Delete;
    }
    ~HeadlessImGui() { ImGui::DestroyContext(m_context); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    /// One frame drawing `draw`, with `held` keys down during it (and released after).
    void frame(const std::function<void()>& draw, std::initializer_list<int> held = {}, bool ctrl = false, bool alt = false) {
        ImGuiIO& io = ImGui::GetIO();
        for (int k : held) io.KeysDown[k] = true;
        io.KeyCtrl = ctrl;
        io.KeyAlt = alt;
        ImGui::NewFrame();
        draw();
        ImGui::Render();
        for (int k : held) io.KeysDown[k] = false;
        io.KeyCtrl = false;
        io.KeyAlt = false;
    }
    /// Characters typed before the next frame.
    void type(const char* text) { ImGui::GetIO().AddInputCharactersUTF8(text); }

private:
    ImGuiContext* m_context = nullptr;
};

} // namespace bhxh::ui::test
