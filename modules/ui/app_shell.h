#pragma once
#include "common/action.h"
#include "ui_model/lang_catalog.h"
#include "ui_model/status_snapshot.h"
#include "ui/view.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh::ui {

/// The application frame every view plugs into: menu bar, one tab per view, the status bar
/// (officer, online/offline and last sync, outbox, camera) and the key map (F1).
/// Keys: Ctrl+1…9 switch view, Ctrl+L switches language, F1 shows the key map, Ctrl+Q quits.
///
/// The shell is the console's view registry: each tab is registered once with a stable id, its
/// view (which names its title key and its keys for the key map) and the action the officer's
/// role needs to see it. Tabs are found by id; Ctrl+1…9 number the tabs the officer can see.
class AppShell {
public:
    /// One registered tab.
    struct ViewEntry {
        std::string id;                 ///< stable: "desk", "queue", "settings", "recheck"…
        std::unique_ptr<View> view;
        std::optional<Action> needs;    ///< shown only to officers whose role may do it
    };
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

    /// Registers a tab; tabs appear in the order added. `id` must be unique.
    void addView(std::string id, std::unique_ptr<View> view, std::optional<Action> needs = std::nullopt);
    /// Whether the signed-in officer may do an action (the tabs that require one). Without it,
    /// such tabs are hidden.
    void setAccess(std::function<bool(Action)> allowed) { m_allowed = std::move(allowed); }
    /// Draws the whole frame to fill the main viewport. UI thread, once per frame.
    void draw();

    /// A screen drawn instead of the tabs while `closed()` says so (sign-in, idle lock), so the
    /// views and the personal data in them stay hidden; view keys do nothing meanwhile.
    void setGate(std::unique_ptr<View> gate, std::function<bool()> closed);
    void setSessionHooks(SessionHooks hooks) { m_session = std::move(hooks); }
    /// The window's typed keys with their arrival times, handed to the views every frame.
    void setTypedKeys(const TypedKeys& typed) { m_typed = &typed; }

    /// Brings the tab with this id to the front (from the next frame); unknown ids do nothing.
    void selectView(std::string_view id);
    /// The id of the tab in front (the first registered one before any frame).
    [[nodiscard]] const std::string& selectedView() const { return m_selected; }
    [[nodiscard]] std::size_t viewCount() const { return m_views.size(); }
    void switchLanguage(const std::string& code);

private:
    void handleKeys();
    void drawMenuBar();
    void drawTabs(float statusBarHeight);
    void drawStatusBar();
    void drawKeyMap();
    void noteActivity();
    /// The tabs the officer can see now, in order.
    [[nodiscard]] std::vector<ViewEntry*> visibleViews();
    [[nodiscard]] bool gateClosed() const { return m_gate && m_gateClosed && m_gateClosed(); }

    LangCatalog& m_lang;
    const StatusSnapshot& m_status;
    Callbacks m_callbacks;
    SessionHooks m_session;
    std::string m_version;
    std::vector<ViewEntry> m_views;
    std::function<bool(Action)> m_allowed;
    std::unique_ptr<View> m_gate;
    std::function<bool()> m_gateClosed;
    const TypedKeys* m_typed = &TypedKeys::none();
    std::string m_selected;
    std::string m_shown;  // the view drawn last frame; none behind the gate
    bool m_selectRequested = false;
    bool m_showKeyMap = false;
    bool m_showAbout = false;
};

} // namespace bhxh::ui
