#include "app/gui_app.h"

#include "app/console_views.h"
#include "app/version.h"
#include "common/log.h"
#include "common/stop_signals.h"
#include "ui/app_shell.h"
#include "ui/font_locator.h"
#include "ui/glyph_ranges.h"
#include "ui/keys.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <memory>

namespace bhxh::app {
namespace {

static_assert(ui::keys::F1 == GLFW_KEY_F1 && ui::keys::Enter == GLFW_KEY_ENTER && ui::keys::Escape == GLFW_KEY_ESCAPE &&
              ui::keys::L == GLFW_KEY_L && ui::keys::Digit1 == GLFW_KEY_1 && ui::keys::J == GLFW_KEY_J &&
              ui::keys::F5 == GLFW_KEY_F5 && ui::keys::F6 == GLFW_KEY_F6 && ui::keys::F7 == GLFW_KEY_F7 && ui::keys::F8 == GLFW_KEY_F8 &&
              ui::keys::F9 == GLFW_KEY_F9 && ui::keys::F12 == GLFW_KEY_F12 && ui::keys::Up == GLFW_KEY_UP && ui::keys::Down == GLFW_KEY_DOWN &&
              ui::keys::Tab == GLFW_KEY_TAB && ui::keys::F2 == GLFW_KEY_F2 && ui::keys::S == GLFW_KEY_S &&
              ui::keys::T == GLFW_KEY_T && ui::keys::O == GLFW_KEY_O && ui::keys::U == GLFW_KEY_U);

std::atomic<bool> g_stopSignal{false};

void onGlfwError(int code, const char* description) {
    log::error("GLFW error " + std::to_string(code) + ": " + (description ? description : ""));
}

// The ImGui glyph atlas must hold the font's glyphs for all UI strings, in every language.
std::vector<std::string> allTexts(const ui::LangCatalog& lang) {
    std::vector<std::string> texts;
    lang.forEachText([&texts](const std::string& t) { texts.push_back(t); });
    return texts;
}

} // namespace

GuiApp::GuiApp(const AppConfig& config, ui::LangCatalog& lang, DeskServices& services)
    : m_config(config), m_lang(lang), m_services(services) {}

GuiApp::~GuiApp() { shutdown(); }

Result<void> GuiApp::run() {
    if (auto window = createWindow(); !window) return window;
    if (auto imgui = setupImGui(); !imgui) return imgui;
    {
        // SIGTERM (systemd, kill) and SIGINT end the loop; the signal thread wakes the window from
        // ordinary code (glfwPostEmptyEvent may be called from any thread, never from a handler).
        StopSignals signals([](int signal) {
            log::info("stop signal " + std::to_string(signal) + " received; closing the window");
            g_stopSignal = true;
            glfwPostEmptyEvent();
        });
        loop();
    }
    shutdown();
    return {};
}

Result<void> GuiApp::createWindow() {
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit()) {
        return makeError("gui.display", "cannot open the display: DISPLAY is unset or the X server refused "
                                        "(run under a desktop session, or xvfb-run for tests)");
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);

    GLFWmonitor* monitor = nullptr;
    int width = m_config.ui.windowWidth;
    int height = m_config.ui.windowHeight;
    if (m_config.ui.kiosk) {
        monitor = glfwGetPrimaryMonitor();
        if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
            width = mode->width;
            height = mode->height;
        }
    }
    m_window = glfwCreateWindow(width, height, m_lang.tr("app.title"), monitor, nullptr);
    if (!m_window) {
        return makeError("gui.opengl", "cannot create an OpenGL 3.3 window (is Mesa's libgl1-mesa-dri installed?)");
    }
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    m_queue.setWakeUp([] { glfwPostEmptyEvent(); });
    return {};
}

Result<void> GuiApp::setupImGui() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is fixed; nothing to remember between runs
    ImGui::StyleColorsLight();

    float contentScale = 1.0f;
    glfwGetWindowContentScale(m_window, &contentScale, nullptr);
    const float scale = contentScale * static_cast<float>(m_config.ui.kiosk ? m_config.ui.kioskFontScale : m_config.ui.fontScale);

    const auto texts = allTexts(m_lang);
    // The UI font must have every Vietnamese letter; the other installed families are merged in
    // for the symbols it lacks (Noto Sans has no arrows, for one), never replacing its glyphs.
    const std::string& vietnamese = ui::FontLocator::vietnameseSample();
    std::vector<std::filesystem::path> fonts = ui::FontLocator::findAll(m_config.ui.fontFamilies, vietnamese);
    if (!m_config.ui.fontFile.empty()) {
        const std::filesystem::path explicitFile = m_config.ui.fontFile;
        if (!ui::FontLocator::covers(explicitFile, vietnamese)) {
            return makeError("gui.font", "font file " + explicitFile.string() +
                                             " is missing or lacks Vietnamese glyphs (ui.font_file)");
        }
        fonts.erase(std::remove(fonts.begin(), fonts.end(), explicitFile), fonts.end());
        fonts.insert(fonts.begin(), explicitFile);
    }
    if (fonts.empty()) {
        auto none = ui::FontLocator::find(m_config.ui.fontFamilies, vietnamese);
        return none ? makeError("gui.font", "no usable font") : none.error();
    }
    std::string everyText;
    for (const auto& t : texts) everyText += t;
    if (unsigned int missing = ui::FontLocator::firstUncovered(fonts, everyText)) {
        log::warn("no installed font has U+" + std::to_string(missing) + " used in the UI texts; it shows as ?");
    }

    m_glyphRanges = std::make_unique<ui::GlyphRanges>(texts);
    const float pixels = static_cast<float>(m_config.ui.fontSizePx) * scale;
    for (std::size_t i = 0; i < fonts.size(); ++i) {
        ImFontConfig fontConfig;
        fontConfig.OversampleH = 2;
        fontConfig.MergeMode = i > 0;
        if (!io.Fonts->AddFontFromFileTTF(fonts[i].c_str(), pixels, &fontConfig, m_glyphRanges->data())) {
            return makeError("gui.font", "cannot load font " + fonts[i].string());
        }
    }
    const std::filesystem::path fontFile = fonts.front();
    log::info("font " + fontFile.string() + " at scale " + std::to_string(scale));
    ImGui::GetStyle().ScaleAllSizes(scale);

    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    m_imguiReady = true;
    return {};
}

void GuiApp::loop() {
    // Declared before the shell: the tabs may point into the controllers, so they go first.
    ConsoleViews views({.config = m_config, .services = m_services, .queue = m_queue, .status = m_status, .lang = m_lang});
    ui::AppShell shell(m_lang, m_status,
                       {.quit = [this] { m_quit = true; },
                        .languageChanged = [this](const std::string& code) {
                            glfwSetWindowTitle(m_window, m_lang.tr("app.title"));
                            log::info("language switched to " + code);
                        }},
                       version::kString);
    views.addTo(shell);

    log::info("window open, language " + m_lang.language());
    while (!glfwWindowShouldClose(m_window) && !m_quit && !g_stopSignal) {
        // Sleep until input or a worker's post, but wake at least at ~30 Hz for live views.
        glfwWaitEventsTimeout(1.0 / 30.0);
        m_queue.drain();
        views.beforeFrame();

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        shell.draw();
        ImGui::Render();

        int width = 0;
        int height = 0;
        glfwGetFramebufferSize(m_window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(m_window);
    }
    log::info("window closed");
}

void GuiApp::shutdown() {
    if (m_imguiReady) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        m_imguiReady = false;
    }
    if (m_window) {
        glfwDestroyWindow(m_window);
        m_window = nullptr;
        glfwTerminate();
    }
}

} // namespace bhxh::app
