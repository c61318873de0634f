#pragma once
#include "common/result.h"
#include "common/job_thread.h"
#include "store/database.h"
#include "store/sqlite_audit_log.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_outbox_repository.h"
#include "store/sqlite_settings_repository.h"
#include "store/store.h"

#include <functional>
#include <memory>

namespace bhxh::app {

/// The repositories of one connection, for the jobs of a StoreWorker.
struct StoreContext {
    store::Database& db;
    store::SqliteDeclarationRepository& declarations;
    store::SqliteDecisionRepository& decisions;
    store::SqliteOutboxRepository& outbox;
    store::SqliteAuditLog& audit;
    store::SqliteSettingsRepository& settings;
};

/// A thread with its own SQLite connection that runs the console's reads and writes in order,
/// so the UI thread never queries SQLite. Jobs post their results to the MainThreadQueue.
/// Destroying it finishes the running job, drops the rest and joins.
class StoreWorker {
public:
    using Job = std::function<void(StoreContext&)>;
    static Result<std::unique_ptr<StoreWorker>> start(const store::Store& store);
    ~StoreWorker();
    StoreWorker(const StoreWorker&) = delete;
    StoreWorker& operator=(const StoreWorker&) = delete;

    /// Queues a job; never blocks on the database.
    void post(Job job);
    /// Jobs waiting or running.
    [[nodiscard]] std::size_t pending() const;
    /// Finishes the running job, drops the rest and joins; later posts are dropped. The console
    /// stops its workers before the controllers whose jobs they run go away.
    void stop() { m_jobs.stop(); }

private:
    explicit StoreWorker(store::Database db);

    store::Database m_db;
    store::SqliteDeclarationRepository m_declarations;
    store::SqliteDecisionRepository m_decisions;
    store::SqliteOutboxRepository m_outbox;
    store::SqliteAuditLog m_audit;
    store::SqliteSettingsRepository m_settings;
    StoreContext m_context{m_db, m_declarations, m_decisions, m_outbox, m_audit, m_settings};
    JobThread m_jobs{"store"};  // last: joined before the members it uses go
};

} // namespace bhxh::app
