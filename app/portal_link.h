#pragma once
#include "app/app_config.h"
#include "common/result.h"
#include "declarations/adapters/curl_portal_client.h"
#include "declarations/adapters/disk_file_cache.h"
#include "declarations/audit_anchorer.h"
#include "declarations/portal_worker.h"
#include "store/database.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_audit_head.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_outbox_repository.h"
#include "store/sqlite_sync_state_repository.h"
#include "store/store.h"

#include <memory>
#include <optional>

namespace bhxh::app {

/// The console's connection to the portal: the libcurl client, a SQLite connection of its own
/// with the repositories the PortalWorker uses, the photo cache, and the worker itself (sync,
/// lookups, claims, decision push). Built only when a desk token is configured; without one the
/// desk works from its local copy and decisions wait in the outbox.
class PortalLink {
public:
    /// Builds the parts and starts the worker; callbacks run on the worker thread.
    static Result<std::unique_ptr<PortalLink>> start(const AppConfig& config, const store::Store& store,
                                                     declarations::PortalWorker::Callbacks callbacks);
    /// Releases the open dossier's lease (best effort) and joins the worker.
    ~PortalLink();
    PortalLink(const PortalLink&) = delete;
    PortalLink& operator=(const PortalLink&) = delete;

    [[nodiscard]] declarations::PortalWorker& worker() { return *m_worker; }

private:
    PortalLink() = default;
    std::unique_ptr<declarations::CurlPortalClient> m_client;
    std::optional<store::Database> m_db;
    std::optional<store::SqliteDeclarationRepository> m_declarations;
    std::optional<store::SqliteSyncStateRepository> m_syncState;
    std::optional<store::SqliteOutboxRepository> m_outbox;
    std::optional<store::SqliteDecisionRepository> m_decisions;
    std::optional<declarations::DiskFileCache> m_files;
    std::optional<store::SqliteAuditHead> m_auditHead;
    std::optional<declarations::AuditAnchorer> m_anchorer;
    std::unique_ptr<declarations::PortalWorker> m_worker;  // last: stopped before the parts it uses go
};

} // namespace bhxh::app
