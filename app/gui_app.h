#pragma once
#include "app/app_config.h"
#include "app/desk_services.h"
#include "common/result.h"
#include "common/main_thread_queue.h"
#include "ui_model/lang_catalog.h"
#include "ui_model/status_snapshot.h"
#include "ui/typed_keys.h"

#include <memory>
#include <string>

struct GLFWwindow;

namespace bhxh::ui { class GlyphRanges; }

namespace bhxh::app {

/// The console window: GLFW + OpenGL3 + Dear ImGui, the Vietnamese font, and the frame loop
/// that drains the main-thread queue once per frame and draws the views.
class GuiApp {
public:
    GuiApp(const AppConfig& config, ui::LangCatalog& lang, DeskServices& services);
    ~GuiApp();
    GuiApp(const GuiApp&) = delete;
    GuiApp& operator=(const GuiApp&) = delete;

    /// Opens the window and runs until it is closed, Ctrl+Q, or SIGTERM/SIGINT. Fails, saying
    /// why, when the window, the OpenGL context or the font cannot be set up.
    Result<void> run();

private:
    Result<void> createWindow();
    Result<void> setupImGui();
    void loop();
    void shutdown();

    const AppConfig& m_config;
    ui::LangCatalog& m_lang;
    DeskServices& m_services;
    MainThreadQueue m_queue;
    ui::StatusSnapshot m_status;
    ui::TypedKeys m_typed;  // this frame's keys, stamped as GLFW delivered them
    std::unique_ptr<ui::GlyphRanges> m_glyphRanges;  // ImGui keeps a pointer into it
    GLFWwindow* m_window = nullptr;
    bool m_imguiReady = false;
    bool m_quit = false;
};

} // namespace bhxh::app
