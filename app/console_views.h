#pragma once
#include "app/app_config.h"
#include "common/main_thread_queue.h"
#include "ui/app_shell.h"
#include "ui_model/lang_catalog.h"
#include "ui_model/status_snapshot.h"

#include <memory>
#include <string>

namespace bhxh::app {

class DeskServices;

/// What the views and their controllers are built from. Borrowed for the life of the window.
struct ConsoleWiring {
    const AppConfig& config;
    DeskServices& services;
    /// Workers post their snapshots here; drained at the start of every frame.
    MainThreadQueue& queue;
    /// The status bar's data; written only on the UI thread (from queue tasks).
    ui::StatusSnapshot& status;
    ui::LangCatalog& lang;
};

/// Builds every view of the console, in tab order, with the controllers that feed them. The one
/// place that decides which screens exist; controllers live as long as the window (kept in the
/// returned holder, destroyed — and their workers joined — before the window closes).
class ConsoleViews {
public:
    explicit ConsoleViews(ConsoleWiring wiring);
    ~ConsoleViews();
    ConsoleViews(const ConsoleViews&) = delete;
    ConsoleViews& operator=(const ConsoleViews&) = delete;

    /// Adds the tabs to the shell.
    void addTo(ui::AppShell& shell);
    /// UI thread, once per frame before the views draw (e.g. upload a camera frame to a texture).
    void beforeFrame();
    /// The officer switched the language (Ctrl+L): remembered for them.
    void languageChanged(const std::string& code);

private:
    /// The portal worker (sync, lookups, claims, decision push) when a desk token is configured.
    void startPortal();
    struct Parts;
    ConsoleWiring m_wiring;
    std::unique_ptr<Parts> m_parts;
};

} // namespace bhxh::app
