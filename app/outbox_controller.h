#pragma once
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/error.h"
#include "common/main_thread_queue.h"
#include "notify/outbox_item.h"
#include "ui_model/lang_catalog.h"
#include "ui_model/outbox_snapshot.h"
#include "ui_model/status_snapshot.h"

#include <cstdint>
#include <string>

namespace bhxh::app {

/// The outbox view's data and the supervisor's retry / cancel (role-checked, audited by the
/// store in the same transaction). Also keeps the status bar's pending / failed counts.
class OutboxController {
public:
    OutboxController(MainThreadQueue& queue, StoreWorker& store, const ui::LangCatalog& lang, ui::StatusSnapshot& status,
                     AuthorizeFn authorize);
    void refresh();
    void setStateFilter(std::optional<notify::OutboxState> state);
    void retry(std::int64_t id);
    void cancel(std::int64_t id);
    /// UI thread, every frame: refreshes every few seconds.
    void tick();
    [[nodiscard]] const ui::OutboxSnapshot& snapshot() const { return m_snapshot; }

private:
    void supervise(std::int64_t id, bool retry);
    /// What the supervisor reads of an error: its code's lang text, else its message. UI thread.
    [[nodiscard]] std::string clerkText(const Error& error) const;
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    const ui::LangCatalog& m_lang;
    ui::StatusSnapshot& m_status;
    AuthorizeFn m_authorize;
    ui::OutboxSnapshot m_snapshot;
    std::optional<notify::OutboxState> m_state;
    bool m_inFlight = false;
    std::chrono::steady_clock::time_point m_next{};
};

} // namespace bhxh::app
