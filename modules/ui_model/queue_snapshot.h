#pragma once
#include "declarations/queue_entry.h"

#include <memory>
#include <string>
#include <vector>

namespace bhxh::ui {

using QueueRow = declarations::QueueEntry;
using QueueFilter = declarations::QueueFilter;

/// The queue as last loaded by the worker: rows sorted by deadline, shared with the table.
struct QueueSnapshot {
    std::shared_ptr<const std::vector<QueueRow>> rows = std::make_shared<std::vector<QueueRow>>();
    bool loading = false;
    std::string errorKey;
    double loadMs = 0;
};

} // namespace bhxh::ui
