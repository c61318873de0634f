#include "ui/app_shell.h"

#include "ui/escape_key.h"
#include "ui/keys.h"

#include <algorithm>
#include <imgui.h>
#include <string>

namespace bhxh::ui {
namespace {

// "visible label###stable id": the label follows the language, the ImGui state does not move.
std::string labelWithId(const char* text, const char* id) { return std::string(text) + "###" + id; }

const char* cameraKey(StatusSnapshot::Camera camera) {
    switch (camera) {
    case StatusSnapshot::Camera::None: return "camera.none";
    case StatusSnapshot::Camera::Off: return "camera.off";
    case StatusSnapshot::Camera::Starting: return "camera.starting";
    case StatusSnapshot::Camera::Live: return "camera.live";
    case StatusSnapshot::Camera::Lost: return "camera.lost";
    }
    return "camera.off";
}

const ImVec4 kGreen(0.20f, 0.62f, 0.30f, 1.0f);
const ImVec4 kRed(0.80f, 0.22f, 0.20f, 1.0f);
const ImVec4 kAmber(0.85f, 0.55f, 0.10f, 1.0f);

// A filled circle the height of a text line: the UI font has no reliable "●" glyph.
void drawDot(const ImVec4& color) {
    const float line = ImGui::GetTextLineHeight();
    const float radius = line * 0.3f;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + radius, pos.y + line * 0.5f), radius,
                                                ImGui::GetColorU32(color));
    ImGui::Dummy(ImVec2(radius * 2, line));
}

} // namespace

AppShell::AppShell(LangCatalog& lang, const StatusSnapshot& status, Callbacks callbacks, std::string version)
    : m_lang(lang), m_status(status), m_callbacks(std::move(callbacks)), m_version(std::move(version)) {}

void AppShell::addView(std::string id, std::unique_ptr<View> view, std::optional<Action> needs) {
    if (m_views.empty()) m_selected = id;
    m_views.push_back(ViewEntry{std::move(id), std::move(view), needs});
}

std::vector<AppShell::ViewEntry*> AppShell::visibleViews() {
    std::vector<ViewEntry*> shown;
    for (auto& entry : m_views) {
        if (entry.needs && !(m_allowed && m_allowed(*entry.needs))) continue;
        shown.push_back(&entry);
    }
    return shown;
}

void AppShell::setGate(std::unique_ptr<View> gate, std::function<bool()> closed) {
    m_gate = std::move(gate);
    m_gateClosed = std::move(closed);
}

void AppShell::noteActivity() {
    if (!m_session.activity) return;
    const ImGuiIO& io = ImGui::GetIO();
    bool input = io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f ||
                 io.InputQueueCharacters.Size > 0 || ImGui::IsAnyMouseDown();
    for (bool down : io.KeysDown) input = input || down;
    if (input) m_session.activity();
}

void AppShell::selectView(std::string_view id) {
    for (const auto& entry : m_views) {
        if (entry.id != id) continue;
        if (entry.needs && !(m_allowed && m_allowed(*entry.needs))) return;  // not for this officer
        m_selected = entry.id;
        m_selectRequested = true;
        return;
    }
}

void AppShell::switchLanguage(const std::string& code) {
    if (!m_lang.setLanguage(code)) return;
    if (m_callbacks.languageChanged) m_callbacks.languageChanged(code);
}

void AppShell::handleKeys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsKeyPressed(keys::F1, false)) m_showKeyMap = !m_showKeyMap;
    // The key map and About are drawn over everything: Esc closes them, and nothing beneath.
    if ((m_showKeyMap || m_showAbout) && EscapeKey::take()) {
        if (m_showKeyMap) m_showKeyMap = false;
        else m_showAbout = false;
    }
    if (ImGui::IsKeyPressed(keys::F12, false) && m_session.lock && !gateClosed()) m_session.lock();
    if (ImGui::IsKeyPressed(keys::F11, false) && m_session.signOut && !gateClosed()) m_session.signOut();
    if (!io.KeyCtrl) return;
    if (ImGui::IsKeyPressed(keys::L, false)) switchLanguage(m_lang.nextLanguage());
    if (ImGui::IsKeyPressed(keys::Q, false) && m_callbacks.quit) m_callbacks.quit();
    if (gateClosed()) return;
    const auto shown = visibleViews();
    for (std::size_t i = 0; i < shown.size() && i < 9; ++i) {
        if (ImGui::IsKeyPressed(keys::Digit1 + static_cast<int>(i), false)) selectView(shown[i]->id);
    }
}

void AppShell::draw() {
    noteActivity();
    handleKeys();

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##frame", nullptr, flags);
    drawMenuBar();
    const float statusBarHeight = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y;
    drawTabs(statusBarHeight);
    drawStatusBar();
    ImGui::End();

    drawKeyMap();
}

void AppShell::drawMenuBar() {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu(labelWithId(m_lang.tr("menu.file"), "menu.file").c_str())) {
        if (m_session.lock && ImGui::MenuItem(m_lang.tr("menu.file.lock"), "F12", false, !gateClosed())) m_session.lock();
        if (m_session.signOut && ImGui::MenuItem(m_lang.tr("menu.file.sign_out"), "F11", false, !gateClosed())) {
            m_session.signOut();
        }
        if (ImGui::MenuItem(m_lang.tr("menu.file.quit"), "Ctrl+Q") && m_callbacks.quit) m_callbacks.quit();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(labelWithId(m_lang.tr("menu.view"), "menu.view").c_str())) {
        const auto shown = gateClosed() ? std::vector<ViewEntry*>{} : visibleViews();
        for (std::size_t i = 0; i < shown.size(); ++i) {
            const std::string shortcut = i < 9 ? "Ctrl+" + std::to_string(i + 1) : "";
            if (ImGui::MenuItem(m_lang.tr(shown[i]->view->titleKey()), shortcut.c_str(), m_selected == shown[i]->id)) {
                selectView(shown[i]->id);
            }
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(labelWithId(m_lang.tr("menu.language"), "menu.language").c_str())) {
        for (const auto& code : m_lang.languages()) {
            if (ImGui::MenuItem(m_lang.tr("lang." + code), "Ctrl+L", m_lang.language() == code)) switchLanguage(code);
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(labelWithId(m_lang.tr("menu.help"), "menu.help").c_str())) {
        if (ImGui::MenuItem(m_lang.tr("menu.help.keys"), "F1")) m_showKeyMap = true;
        if (ImGui::MenuItem(m_lang.tr("menu.help.about"))) m_showAbout = true;
        ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

void AppShell::drawTabs(float statusBarHeight) {
    ImGui::BeginChild("##content", ImVec2(0, -statusBarHeight), false);
    if (gateClosed()) {
        m_shown.clear();  // after the sign-in or unlock the view is shown anew
        m_gate->draw(UiContext{m_lang, m_status, *m_typed});
        ImGui::EndChild();
        return;
    }
    if (ImGui::BeginTabBar("##views")) {
        // A view may ask for another tab while it draws (the queue's Enter opens the desk): when
        // that tab was already passed this frame, the request waits for the next one.
        bool requestApplied = false;
        const auto shown = visibleViews();
        // The tab asked for went out of sight (another officer signed in): the request lapses.
        if (m_selectRequested &&
            std::none_of(shown.begin(), shown.end(), [&](const ViewEntry* e) { return e->id == m_selected; })) {
            m_selectRequested = false;
        }
        for (ViewEntry* entry : shown) {
            View& view = *entry->view;
            ImGuiTabItemFlags tabFlags = 0;
            if (m_selectRequested && entry->id == m_selected) {
                tabFlags |= ImGuiTabItemFlags_SetSelected;
                requestApplied = true;
            }
            if (ImGui::BeginTabItem(labelWithId(m_lang.tr(view.titleKey()), entry->id.c_str()).c_str(), nullptr, tabFlags)) {
                if (!m_selectRequested) m_selected = entry->id;
                if (m_shown != entry->id) {
                    m_shown = entry->id;
                    view.onShow();
                }
                ImGui::BeginChild("##view");
                view.draw(UiContext{m_lang, m_status, *m_typed});
                ImGui::EndChild();
                ImGui::EndTabItem();
            }
        }
        if (requestApplied) m_selectRequested = false;
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

void AppShell::drawStatusBar() {
    ImGui::Separator();
    const char* officer = m_status.officer.empty() ? m_lang.tr("status.no_officer") : m_status.officer.c_str();
    ImGui::Text("%s: %s", m_lang.tr("status.officer"), officer);

    ImGui::SameLine(0, 32);
    drawDot(m_status.online ? kGreen : kRed);
    ImGui::SameLine();
    ImGui::TextUnformatted(m_lang.tr(m_status.online ? "status.online" : "status.offline"));
    ImGui::SameLine();
    if (m_status.lastSync.empty()) {
        ImGui::TextDisabled("(%s)", m_lang.tr("status.never_synced"));
    } else {
        ImGui::TextDisabled("(%s %s)", m_lang.tr("status.last_sync"), m_status.lastSync.c_str());
    }
    if (m_status.sync.running) {
        const auto& s = m_status.sync;
        const std::string line =
            s.files ? m_lang.format("status.sync_files", {{"checked", m_lang.number(static_cast<std::int64_t>(s.checked))},
                                                          {"total", m_lang.number(static_cast<std::int64_t>(s.toCheck))},
                                                          {"files", m_lang.number(static_cast<std::int64_t>(s.filesDone))}})
                    : m_lang.format("status.sync_pull", {{"pages", m_lang.number(static_cast<std::int64_t>(s.pages))},
                                                         {"items", m_lang.number(static_cast<std::int64_t>(s.pulled))}});
        ImGui::SameLine();
        ImGui::TextDisabled("%s", line.c_str());
    }

    ImGui::SameLine(0, 32);
    ImGui::Text("%s: %zu %s", m_lang.tr("status.outbox"), m_status.outboxPending, m_lang.tr("status.pending"));
    if (m_status.outboxFailed > 0) {
        ImGui::SameLine();
        ImGui::TextColored(kRed, "%zu %s", m_status.outboxFailed, m_lang.tr("status.failed"));
    }

    ImGui::SameLine(0, 32);
    const bool cameraBad = m_status.camera == StatusSnapshot::Camera::Lost;
    ImGui::TextColored(cameraBad ? kAmber : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s: %s",
                       m_lang.tr("status.camera"), m_lang.tr(cameraKey(m_status.camera)));
}

void AppShell::drawKeyMap() {
    if (m_showKeyMap) {
        ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
        const std::string title = labelWithId(m_lang.tr("keys.title"), "keymap");
        ImGui::Begin(title.c_str(), &m_showKeyMap, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
        if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg)) {
            const auto shown = gateClosed() ? std::vector<ViewEntry*>{} : visibleViews();
            const std::string viewKeys = "Ctrl+1 … Ctrl+" + std::to_string(std::clamp<std::size_t>(shown.size(), 1, 9));
            const char* rows[][2] = {
                {"F1", "keys.help"},         {viewKeys.c_str(), "keys.views"},
                {"F8 → Enter", "keys.approve"}, {"F9", "keys.reject"},
                {"Alt+1 … Alt+9", "keys.acknowledge"},
                {"Ctrl+N", "keys.next_dossier"}, {"Ctrl+K", "keys.keep_dossier"},
                {"Ctrl+W", "keys.close_dossier"},
                {"F6", "keys.capture"},      {"F7", "keys.receipt"},
                {"F4 · Enter · Ctrl+Enter", "keys.chip_key"},
                {"Ctrl+R", "keys.reveal"},   {"Z", "keys.zoom"},
                {"← / →  + / -", "keys.zoom_move"}, {"R", "keys.rotate"},
                {"Esc", "keys.close"},
                {"J / K  ↑ / ↓", "keys.queue_move"}, {"Enter", "keys.queue_open"},
                {"Ctrl+F", "keys.search"},   {"Alt+1 … Alt+4", "keys.queue_filters"},
                {"Ctrl+R · Delete", "keys.outbox_actions"},
                {"F5", "keys.refresh"},      {"Ctrl+K", "keys.audit_verify"},
                {"Ctrl+E", "keys.export"},
                {"F12", "keys.lock"},        {"F11", "keys.sign_out"},
                {"Ctrl+L", "keys.language"},
                {"Ctrl+S", "keys.settings_save"}, {"Ctrl+T", "keys.scanner_test"},
                {"Ctrl+O", "keys.camera_source"}, {"Ctrl+U", "keys.use_camera"},
                {"Ctrl+Q", "keys.quit"},
            };
            for (const auto& row : rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row[0]);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(m_lang.tr(row[1]));
            }
            for (const ViewEntry* entry : shown) {
                for (const View::KeyHint& hint : entry->view->keyHints()) {
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(hint.keys);
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(m_lang.tr(hint.langKey));
                }
            }
            ImGui::EndTable();
        }
        ImGui::End();
    }
    if (m_showAbout) {
        ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
        const std::string title = labelWithId(m_lang.tr("menu.help.about"), "about");
        ImGui::Begin(title.c_str(), &m_showAbout, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
        ImGui::TextUnformatted(m_lang.tr("app.title"));
        ImGui::TextDisabled("%s", m_lang.format("about.text", {{"version", m_version}}).c_str());
        ImGui::End();
    }
}

} // namespace bhxh::ui
