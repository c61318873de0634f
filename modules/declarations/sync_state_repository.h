#pragma once
#include "common/result.h"

#include <chrono>
#include <optional>
#include <string>

namespace bhxh::declarations {

/// Where an incremental pull stands, per scope (the sync engine uses "office:<code>", e.g. "office:07916").
struct SyncState {
    std::string scope;
    std::optional<std::string> cursor;  ///< the portal's next_cursor; nullopt = from the start
    std::chrono::system_clock::time_point lastSuccessAt{};
    std::string lastError;  ///< empty after a successful pull
};

/// Sync cursors and health. Implemented by the store.
class SyncStateRepository {
public:
    virtual ~SyncStateRepository() = default;
    /// The scope's state; a scope never synced has no cursor.
    virtual Result<SyncState> load(const std::string& scope) = 0;
    virtual Result<void> save(const SyncState& state) = 0;
};

} // namespace bhxh::declarations
