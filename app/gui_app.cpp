#include "app/gui_app.h"

#include "app/console_views.h"
#include "app/version.h"
#include "common/log.h"
#include "common/stop_signals.h"
#include "ui/texture_cache.h"
#include "ui/app_shell.h"
#include "ui_model/font_locator.h"
#include "ui/glyph_ranges.h"
#include "ui/keys.h"
#include "ui/typed_keys.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <unistd.h>
#include <memory>

namespace bhxh::app {
namespace {

static_assert(ui::keys::F1 == GLFW_KEY_F1 && ui::keys::Enter == GLFW_KEY_ENTER && ui::keys::Escape == GLFW_KEY_ESCAPE &&
              ui::keys::L == GLFW_KEY_L && ui::keys::Digit1 == GLFW_KEY_1 && ui::keys::J == GLFW_KEY_J &&
              ui::keys::F4 == GLFW_KEY_F4 && ui::keys::F5 == GLFW_KEY_F5 && ui::keys::F6 == GLFW_KEY_F6 && ui::keys::F7 == GLFW_KEY_F7 && ui::keys::F8 == GLFW_KEY_F8 &&
              ui::keys::F9 == GLFW_KEY_F9 && ui::keys::F10 == GLFW_KEY_F10 && ui::keys::F12 == GLFW_KEY_F12 && ui::keys::Up == GLFW_KEY_UP && ui::keys::Down == GLFW_KEY_DOWN &&
              ui::keys::Tab == GLFW_KEY_TAB && ui::keys::F2 == GLFW_KEY_F2 && ui::keys::S == GLFW_KEY_S &&
              ui::keys::T == GLFW_KEY_T && ui::keys::O == GLFW_KEY_O && ui::keys::U == GLFW_KEY_U &&
              ui::keys::Z == GLFW_KEY_Z && ui::keys::D == GLFW_KEY_D && ui::keys::K == GLFW_KEY_K &&
              ui::keys::R == GLFW_KEY_R && ui::keys::F11 == GLFW_KEY_F11 && ui::keys::Left == GLFW_KEY_LEFT &&
              ui::keys::Right == GLFW_KEY_RIGHT && ui::keys::Delete == GLFW_KEY_DELETE &&
              ui::keys::Minus == GLFW_KEY_MINUS && ui::keys::Equal == GLFW_KEY_EQUAL &&
              ui::keys::KeypadSubtract == GLFW_KEY_KP_SUBTRACT && ui::keys::KeypadAdd == GLFW_KEY_KP_ADD);

std::atomic<bool> g_stopSignal{false};

// The window's typed keys: GLFW calls back with plain functions, on the UI thread.
ui::TypedKeys* g_typed = nullptr;

// Each character and Enter is stamped when GLFW delivers it (a handheld scanner's keys are a few
// ms apart; a frame is longer), then handed on to ImGui's own callback.
void onChar(GLFWwindow* window, unsigned int codepoint) {
    if (g_typed) g_typed->key(static_cast<char32_t>(codepoint), std::chrono::steady_clock::now());
    ImGui_ImplGlfw_CharCallback(window, codepoint);
}

void onKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
    if (g_typed && action == GLFW_PRESS && (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER)) {
        g_typed->enter(std::chrono::steady_clock::now());
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

void onGlfwError(int code, const char* description) {
    log::error("GLFW error " + std::to_string(code) + ": " + (description ? description : ""));
}

// ImGui's light style draws input fields barely darker than the window: on a counter's screen
// (and in the four-eyes dialog) a field must be seen as a field. Frames get a clear grey fill
// and a border; popups and dialogs a border and a dimmed background behind them.
void strengthenLightStyle(ImGuiStyle& style) {
    ImVec4* c = style.Colors;
    c[ImGuiCol_FrameBg] = ImVec4(0.86f, 0.88f, 0.91f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.80f, 0.85f, 0.93f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.74f, 0.82f, 0.95f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.45f, 0.47f, 0.52f, 0.60f);
    c[ImGuiCol_PopupBg] = ImVec4(0.99f, 0.99f, 0.99f, 1.0f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.10f, 0.10f, 0.12f, 0.45f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.40f, 1.0f);  // hints stay readable
    style.FrameBorderSize = 1.0f;
    style.PopupBorderSize = 1.0f;
    style.WindowBorderSize = 1.0f;
}

// The UI font's size from the screen it is read on: a text line is 1/50 of the screen's height
// (21.6 px at 1080p), at least 3.5 mm tall where the screen reports its size, never below
// font_size_px × the content scale; then × font_scale (kiosk_font_scale in kiosk mode).
struct ScreenFont {
    float pixels = 18.0f;
    float scale = 1.0f;  // the pixels over the configured base size: widgets scale with it
};

ScreenFont screenFont(const AppConfig::Ui& ui, GLFWmonitor* monitor, GLFWwindow* window) {
    float contentScale = 1.0f;
    glfwGetWindowContentScale(window, &contentScale, nullptr);
    float base = static_cast<float>(ui.fontSizePx) * contentScale;
    if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
        base = std::max(base, static_cast<float>(mode->height) / 50.0f);
        int widthMm = 0;
        int heightMm = 0;
        glfwGetMonitorPhysicalSize(monitor, &widthMm, &heightMm);
        if (heightMm > 0) base = std::max(base, 3.5f * static_cast<float>(mode->height) / static_cast<float>(heightMm));
    }
    ScreenFont font;
    font.pixels = std::round(base * static_cast<float>(ui.kiosk ? ui.kioskFontScale : ui.fontScale));
    font.scale = font.pixels / static_cast<float>(ui.fontSizePx);
    return font;
}

// The ImGui glyph atlas must hold the font's glyphs for all UI strings, in every language.
std::vector<std::string> allTexts(const ui::LangCatalog& lang) {
    std::vector<std::string> texts;
    lang.forEachText([&texts](const std::string& t) { texts.push_back(t); });
    return texts;
}

// Milliseconds since the kernel started this process (/proc/self/stat, 1/100 s ticks), so the
// figure includes loading the shared libraries; -1 when unknown.
long long msSinceProcessStart() {
    std::ifstream in("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
        if (i != 22) continue;
        timespec now{};
        clock_gettime(CLOCK_BOOTTIME, &now);
        const long ticks = sysconf(_SC_CLK_TCK);
        const double startMs = std::stod(field) * 1000.0 / static_cast<double>(ticks > 0 ? ticks : 100);
        return std::llround(static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6 - startMs);
    }
    return -1;
}

// Said once, after the first frame is on the screen: the log line, and for the start-up benchmark
// (tests/bench/first_frame_bench.py) a file named by $BHXH_FIRST_FRAME_FILE holding the figure.
void firstFrameShown() {
    const long long ms = msSinceProcessStart();
    log::info("first frame shown " + std::to_string(ms) + " ms after the process started");
    if (const char* path = std::getenv("BHXH_FIRST_FRAME_FILE"); path && *path) {
        std::ofstream(path) << ms << '\n';
    }
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
    GLFWmonitor* primary = glfwGetPrimaryMonitor();
    if (m_config.ui.kiosk) {
        monitor = primary;
        if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
            width = mode->width;
            height = mode->height;
        }
    } else if (width == 0 || height == 0) {
        // The whole work area (the layout uses the width); a window manager maximises it too.
        int x = 0;
        int y = 0;
        int areaWidth = 0;
        int areaHeight = 0;
        if (primary) glfwGetMonitorWorkarea(primary, &x, &y, &areaWidth, &areaHeight);
        width = width ? width : (areaWidth > 0 ? areaWidth : 1440);
        height = height ? height : (areaHeight > 0 ? areaHeight : 900);
        glfwWindowHint(GLFW_MAXIMIZED, GLFW_TRUE);
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
    strengthenLightStyle(ImGui::GetStyle());

    const ScreenFont font = screenFont(m_config.ui, glfwGetPrimaryMonitor(), m_window);
    const float scale = font.scale;

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
    const float pixels = font.pixels;
    for (std::size_t i = 0; i < fonts.size(); ++i) {
        ImFontConfig fontConfig;
        fontConfig.OversampleH = 2;
        fontConfig.MergeMode = i > 0;
        if (!io.Fonts->AddFontFromFileTTF(fonts[i].c_str(), pixels, &fontConfig, m_glyphRanges->data())) {
            return makeError("gui.font", "cannot load font " + fonts[i].string());
        }
    }
    const std::filesystem::path fontFile = fonts.front();
    log::info("font " + fontFile.string() + " at " + std::to_string(pixels) + " px (scale " + std::to_string(scale) + ")");
    ImGui::GetStyle().ScaleAllSizes(scale);

    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    // In front of ImGui's key and character callbacks (which ours call): the typed keys' times.
    g_typed = &m_typed;
    glfwSetCharCallback(m_window, onChar);
    glfwSetKeyCallback(m_window, onKey);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    m_imguiReady = true;
    return {};
}

void GuiApp::loop() {
    // Declared before the shell: the tabs may point into the controllers, so they go first.
    ConsoleViews views({.config = m_config, .services = m_services, .queue = m_queue, .status = m_status, .lang = m_lang});
    ui::AppShell shell(m_lang, m_status,
                       {.quit = [this] { m_quit = true; },
                        .languageChanged = [this, &views](const std::string& code) {
                            glfwSetWindowTitle(m_window, m_lang.tr("app.title"));
                            log::info("language switched to " + code);
                            views.languageChanged(code);
                        }},
                       version::kString);
    views.addTo(shell);
    shell.setTypedKeys(m_typed);

    log::info("window open, language " + m_lang.language());
    bool firstFrame = true;
    while (!glfwWindowShouldClose(m_window) && !m_quit && !g_stopSignal) {
        // Sleep until input or a worker's post, but wake at least at ~30 Hz for live views. The
        // keys are stamped as GLFW delivers them; those that queued up while the last frame was
        // drawn are spread over that time (ui::TypedKeys).
        m_typed.beginLook(std::chrono::steady_clock::now());
        glfwWaitEventsTimeout(1.0 / 30.0);
        m_typed.endLook(std::chrono::steady_clock::now());
        m_typed.nextFrame();
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
        ui::TextureCache::ui().endFrame();  // pictures no longer drawn give their textures back
        if (firstFrame) {
            firstFrame = false;
            firstFrameShown();
        }
    }
    log::info("window closed");
}

void GuiApp::shutdown() {
    if (m_imguiReady) {
        g_typed = nullptr;
        ui::TextureCache::ui().clear();  // while the GL context is still there
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
