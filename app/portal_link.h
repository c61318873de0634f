#pragma once
#include "app/app_config.h"
#include "common/result.h"
#include "declarations/adapters/curl_portal_client.h"
#include "declarations/adapters/disk_file_cache.h"
#include "declarations/audit_anchorer.h"
#include "declarations/portal_worker.h"
#include "store/database.h"
#include "store/sqlite_audit_head.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_outbox_repository.h"
#include "store/sqlite_sync_state_repository.h"
#include "store/store.h"

#include <memory>
#include <optional>

namespace bhxh::app {

/// The console's connection to the portal: for each lane of the PortalWorker (desk and bulk) a
/// libcurl client and a SQLite connection of its own with the repositories it uses; the photo
/// cache; the audit anchorer (bulk lane); and the worker itself. Built only when a desk token is
/// configured; without one the desk works from its local copy and decisions wait in the outbox.
class PortalLink {
public:
    /// Builds the parts and starts the worker; callbacks run on the lane threads.
    static Result<std::unique_ptr<PortalLink>> start(const AppConfig& config, const store::Store& store,
                                                     declarations::PortalWorker::Callbacks callbacks);
    /// Stops the worker (a held lease is released within a second) and joins its lanes.
    ~PortalLink();
    PortalLink(const PortalLink&) = delete;
    PortalLink& operator=(const PortalLink&) = delete;

    [[nodiscard]] declarations::PortalWorker& worker() { return *m_worker; }

private:
    /// What one lane owns.
    struct Lane {
        std::unique_ptr<declarations::CurlPortalClient> client;
        std::optional<store::Database> db;
        std::optional<store::SqliteDeclarationRepository> declarations;
        std::optional<store::SqliteSyncStateRepository> syncState;
        std::optional<store::SqliteOutboxRepository> outbox;
        std::optional<store::SqliteDecisionRepository> decisions;
        [[nodiscard]] declarations::PortalWorker::LaneParts parts(declarations::FileCache* files);
    };
    static Result<void> open(Lane& lane, const AppConfig& config, const store::Store& store);

    PortalLink() = default;
    Lane m_desk;
    Lane m_bulk;
    std::optional<declarations::DiskFileCache> m_files;
    std::optional<store::SqliteAuditHead> m_auditHead;
    std::optional<declarations::AuditAnchorer> m_anchorer;
    std::unique_ptr<declarations::PortalWorker> m_worker;  // last: stopped before the parts it uses go
};

} // namespace bhxh::app
