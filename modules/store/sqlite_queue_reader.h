#pragma once
#include "common/result.h"
#include "declarations/queue_entry.h"
#include "store/database.h"

#include <chrono>
#include <vector>

namespace bhxh::store {

/// Reads the approval queue's lines straight from the indexed columns (no JSON), soonest
/// deadline first.
class SqliteQueueReader {
public:
    explicit SqliteQueueReader(Database& db) : m_db(db) {}
    /// Every line the filter keeps; `now` gives the days left.
    Result<std::vector<declarations::QueueEntry>> read(const declarations::QueueFilter& filter,
                                                       std::chrono::system_clock::time_point now);

private:
    Database& m_db;
};

} // namespace bhxh::store
