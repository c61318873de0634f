#pragma once
#include "common/result.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace bhxh {

/// One thing an officer did that must stay on the record. `subject` names what it was done to
/// (a dossier number, an officer id, a setting key) and `detail` is free text; neither carries an
/// ID number, BHXH code, phone or password in clear.
struct AuditEvent {
    std::string kind;       ///< "login", "login_failed", "lockout", "reveal", "open_declaration",
                            ///< "decision", "settings_change", "export", "officer_change", ...
    std::string officerId;  ///< who did it; empty for the system itself
    std::string subject;
    std::string detail;
    std::chrono::system_clock::time_point at{};
};

/// A stored entry: the event, its place in the chain and the seals that bind it (store/audit_chain.h).
struct AuditEntry {
    std::int64_t seq = 0;  ///< 1, 2, 3, ... with no gaps
    AuditEvent event;
    std::string prevHash;  ///< the previous entry's seal; 64 zeros for the first
    std::string hash;      ///< this entry's seal, 64 hex digits: its MAC under the desk's audit key once
                           ///< the chain is keyed, a plain SHA-256 for entries written before that
};

/// The append-only, chained and keyed audit trail. Implemented by the store.
class AuditLog {
public:
    virtual ~AuditLog() = default;
    /// Appends and seals one entry durably; returns its seq.
    virtual Result<std::int64_t> append(const AuditEvent& event) = 0;
    /// Entries with seq in [fromSeq, fromSeq + limit), oldest first.
    virtual Result<std::vector<AuditEntry>> read(std::int64_t fromSeq, std::size_t limit) = 0;
};

} // namespace bhxh
