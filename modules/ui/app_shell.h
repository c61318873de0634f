#pragma once
#include "ui_model/lang_catalog.h"
#include "ui_model/status_snapshot.h"
#include "ui/view.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bhxh::ui {

/// The application frame every view plugs into: menu bar, one tab per view, the status bar
/// (officer, online/offline and last sync, outbox, camera) and the key map (F1).
/// Keys: Ctrl+1…9 switch view, Ctrl+L switches language, F1 shows the key map, Ctrl+Q quits.
class AppShell {
public:
    struct Callbacks {
        std::function<void()> quit;
        std::function<void(const std::string& language)> languageChanged;
    };
    /// The signed-in officer's session, when there is one.
    struct SessionHooks {
        /// Keyboard or mouse input this frame (postpones the idle lock).
        std::function<void()> activity;
        /// F12 / File → Lock: the idle lock at once.
        std::function<void()> lock;
        /// File → Sign out.
        std::function<void()> signOut;
    };

    /// `version` is shown in Help → About.
    AppShell(LangCatalog& lang, const StatusSnapshot& status, Callbacks callbacks, std::string version);

    /// Views appear as tabs in the order added.
    void addView(std::unique_ptr<View> view);
    /// Draws the whole frame to fill the main viewport. UI thread, once per frame.
    void draw();

    /// A screen drawn instead of the tabs while `closed()` says so (sign-in, idle lock), so the
    /// views and the personal data in them stay hidden; view keys do nothing meanwhile.
    void setGate(std::unique_ptr<View> gate, std::function<bool()> closed);
    void setSessionHooks(SessionHooks hooks) { m_session = std::move(hooks); }
    /// The window's typed keys with their arrival times, handed to the views every frame.
    void setTypedKeys(const TypedKeys& typed) { m_typed = &typed; }

    void selectView(std::size_t index);
    [[nodiscard]] std::size_t selectedView() const { return m_selected; }
    [[nodiscard]] std::size_t viewCount() const { return m_views.size(); }
    void switchLanguage(const std::string& code);

private:
    void handleKeys();
    void drawMenuBar();
    void drawTabs(float statusBarHeight);
    void drawStatusBar();
    void drawKeyMap();
    void noteActivity();
    [[nodiscard]] bool gateClosed() const { return m_gate && m_gateClosed && m_gateClosed(); }

    LangCatalog& m_lang;
    const StatusSnapshot& m_status;
    Callbacks m_callbacks;
    SessionHooks m_session;
    std::string m_version;
    std::vector<std::unique_ptr<View>> m_views;
    std::unique_ptr<View> m_gate;
    std::function<bool()> m_gateClosed;
    const TypedKeys* m_typed = &TypedKeys::none();
    std::size_t m_selected = 0;
    std::size_t m_shown = static_cast<std::size_t>(-1);  // the view drawn last frame; none behind the gate
    bool m_selectRequested = false;
    bool m_showKeyMap = false;
    bool m_showAbout = false;
};

} // namespace bhxh::ui
