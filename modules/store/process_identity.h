#pragma once
#include <string>

namespace bhxh::store {

/// Names a running process so that a claim it leaves behind can be recognised as abandoned:
/// "<pid>:<start time in clock ticks since boot>" (a reused pid has another start time).
class ProcessIdentity {
public:
    /// This process.
    static const std::string& current();
    /// True while the process named by `token` still runs.
    static bool isAlive(const std::string& token);
};

} // namespace bhxh::store
