#pragma once
#include "app/store_worker.h"
#include "common/main_thread_queue.h"
#include "ui_model/queue_snapshot.h"

#include <cstdint>
#include <string>

namespace bhxh::app {

/// Loads the approval queue for the view on the office's StoreWorker. A newer filter wins: a
/// result for an older one is dropped when it arrives.
class QueueController {
public:
    QueueController(std::string officeCode, MainThreadQueue& queue, StoreWorker& store);
    void query(ui::QueueFilter filter);
    /// Reloads with the last filter (after a sync pulled new declarations).
    void reload();
    [[nodiscard]] const ui::QueueSnapshot& snapshot() const { return m_snapshot; }

private:
    std::string m_office;
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    ui::QueueSnapshot m_snapshot;
    ui::QueueFilter m_filter;
    std::uint64_t m_generation = 0;
};

} // namespace bhxh::app
