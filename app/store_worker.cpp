#include "app/store_worker.h"

namespace bhxh::app {

Result<std::unique_ptr<StoreWorker>> StoreWorker::start(const store::Store& store) {
    auto db = store.connect();
    if (!db) return db.error();
    return std::unique_ptr<StoreWorker>(new StoreWorker(std::move(db).value()));
}

StoreWorker::StoreWorker(store::Database db)
    : m_db(std::move(db)), m_declarations(m_db), m_decisions(m_db), m_outbox(m_db), m_audit(m_db), m_settings(m_db) {}

StoreWorker::~StoreWorker() { m_jobs.stop(); }

void StoreWorker::post(Job job) {
    m_jobs.post([this, job = std::move(job)] { job(m_context); });
}

std::size_t StoreWorker::pending() const { return m_jobs.pending(); }

} // namespace bhxh::app
