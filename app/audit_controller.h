#pragma once
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/main_thread_queue.h"
#include "ui_model/audit_snapshot.h"

#include <cstdint>

namespace bhxh::app {

/// The supervisor's audit screen: the newest entries and the hash chain's walk, both read on the
/// office's StoreWorker. Only officers whose role may "audit.view" get them; viewing the trail is
/// itself an audit entry.
class AuditController {
public:
    AuditController(MainThreadQueue& queue, StoreWorker& store, AuthorizeFn authorize);
    void refresh();
    void verify();
    [[nodiscard]] const ui::AuditSnapshot& snapshot() const { return m_snapshot; }

    /// How many entries the screen holds (the CSV export has them all).
    static constexpr std::size_t kRows = 5000;

private:
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    AuthorizeFn m_authorize;
    ui::AuditSnapshot m_snapshot;
    std::uint64_t m_generation = 0;
};

} // namespace bhxh::app
