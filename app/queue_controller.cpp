#include "app/queue_controller.h"

#include "common/log.h"
#include "store/sqlite_queue_reader.h"

#include <chrono>

namespace bhxh::app {

QueueController::QueueController(std::string officeCode, MainThreadQueue& queue, StoreWorker& store)
    : m_office(std::move(officeCode)), m_queue(queue), m_store(store) {}

void QueueController::query(ui::QueueFilter filter) {
    filter.officeCode = m_office;
    m_filter = filter;
    const std::uint64_t generation = ++m_generation;
    m_snapshot.loading = true;
    m_store.post([this, filter, generation](StoreContext& ctx) {
        const auto t0 = std::chrono::steady_clock::now();
        store::SqliteQueueReader reader(ctx.db);
        auto rows = reader.read(filter, std::chrono::system_clock::now());
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        auto shared = rows ? std::make_shared<const std::vector<ui::QueueRow>>(std::move(rows).value()) : nullptr;
        std::string error = rows ? "" : "queue.error";
        if (!rows) log::error("queue: " + rows.error().describe());
        m_queue.post([this, generation, shared, error, ms] {
            if (generation != m_generation) return;
            m_snapshot.loading = false;
            m_snapshot.errorKey = error;
            m_snapshot.loadMs = ms;
            if (shared) m_snapshot.rows = shared;
        });
    });
}

void QueueController::reload() { query(m_filter); }

} // namespace bhxh::app
