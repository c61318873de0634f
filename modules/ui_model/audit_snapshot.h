#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bhxh::ui {

/// The audit trail as the supervisor's screen shows it: the newest entries first, and the
/// outcome of the last walk of the hash chain. Written on the UI thread only.
struct AuditSnapshot {
    struct Row {
        std::int64_t seq = 0;
        std::string time;     ///< local "dd/mm/yyyy HH:MM:SS"
        std::string kind;
        std::string officer;
        std::string subject;
        std::string detail;
    };
    std::vector<Row> rows;
    std::uint64_t version = 0;  ///< bumped whenever rows are replaced
    bool loading = false;
    bool denied = false;        ///< the officer's role may not see the trail
    std::string error;          ///< reading failed
    std::string verifyState;    ///< "" (not run) | running | intact | broken
    std::int64_t verifiedEntries = 0;
    std::int64_t brokenSeq = 0;
    std::string brokenReason;      ///< English, for the help desk (or why the walk failed)
    std::string brokenReasonKey;   ///< the same as a lang key (audit.reason.*), empty when the walk failed
    std::map<std::string, std::string> brokenReasonArgs;
};

} // namespace bhxh::ui
