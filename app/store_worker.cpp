#include "app/store_worker.h"

namespace bhxh::app {

Result<std::unique_ptr<StoreWorker>> StoreWorker::start(const store::Store& store) {
    auto db = store.connect();
    if (!db) return db.error();
    std::unique_ptr<StoreWorker> worker(new StoreWorker(std::move(db).value()));
    worker->m_worker.start([w = worker.get()](std::stop_token stop) { w->run(stop); });
    return worker;
}

StoreWorker::StoreWorker(store::Database db)
    : m_db(std::move(db)), m_declarations(m_db), m_decisions(m_db), m_outbox(m_db), m_audit(m_db) {}

StoreWorker::~StoreWorker() { m_worker.stop(); }

void StoreWorker::post(Job job) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

std::size_t StoreWorker::pending() const {
    std::lock_guard lock(m_mutex);
    return m_jobs.size() + m_running;
}

void StoreWorker::run(std::stop_token stop) {
    StoreContext context{m_db, m_declarations, m_decisions, m_outbox, m_audit};
    while (!stop.stop_requested()) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [this] { return !m_jobs.empty(); })) break;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            ++m_running;
        }
        job(context);
        std::lock_guard lock(m_mutex);
        --m_running;
    }
}

} // namespace bhxh::app
