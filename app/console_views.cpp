#include "app/console_views.h"

#include "app/desk_services.h"
#include "common/access_hooks.h"
#include "ui/empty_state_view.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bhxh::app {

// Controllers and other long-lived parts of the views. Each issue adds its own members.
struct ConsoleViews::Parts {
    /// Role checks and four-eyes for the controllers' actions; the officers issue puts the
    /// logged-in session behind them.
    AuthorizeFn authorize = [](std::string_view) -> Result<std::string> { return std::string("desk"); };
    ConfirmOfficerFn confirmOfficer = [](const std::string&, const std::string&) -> Result<std::string> {
        return makeError("security.unavailable", "no officer accounts yet");
    };
    /// Audit entries for what happens only in the UI (reveal, export).
    AuditNoteFn auditNote = [](std::string_view, const std::string&, const std::string&) {};
    /// Opens a declaration in the walk-in desk view and switches to it (the queue's Enter).
    std::function<void(const std::string& dossierNo)> openDeclaration = [](const std::string&) {};
    /// Run by beforeFrame(), in order.
    std::vector<std::function<void()>> frameHooks;
};

ConsoleViews::ConsoleViews(ConsoleWiring wiring) : m_wiring(wiring), m_parts(std::make_unique<Parts>()) {}

ConsoleViews::~ConsoleViews() = default;

void ConsoleViews::addTo(ui::AppShell& shell) {
    shell.addView(std::make_unique<ui::EmptyStateView>("view.desk", "view.desk.hint"));
    shell.addView(std::make_unique<ui::EmptyStateView>("view.queue", "view.queue.hint"));
    shell.addView(std::make_unique<ui::EmptyStateView>("view.outbox", "view.outbox.hint"));
    shell.addView(std::make_unique<ui::EmptyStateView>("view.dashboard", "view.dashboard.hint"));
    shell.addView(std::make_unique<ui::EmptyStateView>("view.settings", "view.settings.hint"));
}

void ConsoleViews::beforeFrame() {
    for (auto& hook : m_parts->frameHooks) hook();
}

} // namespace bhxh::app
