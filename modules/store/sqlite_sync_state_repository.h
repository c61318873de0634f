#pragma once
#include "declarations/sync_state_repository.h"
#include "store/database.h"

namespace bhxh::store {

/// SyncStateRepository on the sync_state table.
class SqliteSyncStateRepository final : public declarations::SyncStateRepository {
public:
    explicit SqliteSyncStateRepository(Database& db) : m_db(db) {}
    Result<declarations::SyncState> load(const std::string& scope) override;
    Result<void> save(const declarations::SyncState& state) override;

private:
    Database& m_db;
};

} // namespace bhxh::store
