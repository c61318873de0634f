#pragma once
// A real local store (SQLite in a fresh temp folder) with one connection and the repositories of
// the decision flow on it, for unit and integration tests.
#include "store/sqlite_audit_log.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_outbox_repository.h"
#include "store/sqlite_sync_state_repository.h"
#include "store/store.h"

#include "temp_folder.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace bhxh::test {

inline store::Store openDeskStore(const std::filesystem::path& dir) {
    store::StoreOptions options;
    options.dbPath = dir / "desk.sqlite";
    options.dailyBackup = false;
    auto s = store::Store::open(options);
    REQUIRE(s.ok());
    return std::move(s).value();
}

inline store::Database connectDeskStore(const store::Store& st) {
    auto db = st.connect();
    REQUIRE(db.ok());
    return std::move(db).value();
}

/// A second connection to a desk's store with the repositories one PortalWorker lane uses (each
/// lane has its own, as PortalLink builds them).
struct DeskConnection {
    explicit DeskConnection(const store::Store& st) : db(connectDeskStore(st)) {}
    store::Database db;
    store::SqliteOutboxRepository outbox{db};
    store::SqliteDecisionRepository decisions{db};
    store::SqliteDeclarationRepository declarations{db};
    store::SqliteSyncStateRepository syncState{db};
};

/// The store of one desk: decisions, outbox, declarations, sync state and audit on one connection.
struct DeskStore {
    TempFolder tmp{"bhxh-desk-store-"};
    store::Store st = openDeskStore(tmp.path());
    store::Database db = connectDeskStore(st);
    store::SqliteOutboxRepository outbox{db};
    store::SqliteDecisionRepository decisions{db};
    store::SqliteDeclarationRepository declarations{db};
    store::SqliteSyncStateRepository syncState{db};
    store::SqliteAuditLog audit{db};
};

} // namespace bhxh::test
