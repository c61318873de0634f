#pragma once
#include "common/result.h"
#include "declarations/portal_client.h"

#include <chrono>
#include <functional>
#include <optional>

namespace bhxh::declarations {

/// Where the desk's audit chain is read and where the last anchor taken is noted. Implemented by
/// the store (the chain's last entry; the note in sync_state, scope "audit_anchor").
class AuditHeadSource {
public:
    virtual ~AuditHeadSource() = default;
    /// seq and seal (MAC) of the chain's last entry; nullopt for an empty log. `at` is left empty.
    virtual Result<std::optional<AuditAnchor>> head() = 0;
    /// The portal accepted `anchor`: remembered so that an offline `audit verify` can say when.
    virtual Result<void> noteAnchored(const AuditAnchor& anchor) = 0;
};

/// Sends the head of the desk's audit chain to the portal (POST /desks/{desk}/audit-anchor), so
/// that a rewrite or a truncation of the local log shows against a copy the desk cannot change.
/// Called by the PortalWorker at least hourly and after every decision push; runs on the
/// caller's thread (the portal worker's).
class AuditAnchorer {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;
    AuditAnchorer(PortalClient& client, AuditHeadSource& chain, Clock clock = {});

    /// Anchors the current head now: true when one was sent and accepted, false for an empty
    /// log; an Error from the portal or the store otherwise (the caller logs it and tries again
    /// at the next occasion).
    Result<bool> anchorNow();

private:
    PortalClient& m_client;
    AuditHeadSource& m_chain;
    Clock m_clock;
};

} // namespace bhxh::declarations
