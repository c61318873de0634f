#pragma once
#include "common/result.h"
#include "declarations/decision.h"
#include "declarations/declaration.h"
#include "declarations/portal_errors.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// One page of an incremental pull (portal-api.md). A page shorter than the limit asked for
/// means the desk is up to date; nextCursor is nullopt only when the page is empty.
struct DeclarationPage {
    std::vector<Declaration> items;
    std::optional<std::string> nextCursor;
};

/// The bytes of one downloaded file, with what the portal said about them.
struct PortalFile {
    std::string bytes;
    std::string contentType;
    std::string etag;  ///< the sha256 the portal announced, quotes removed
};

/// A claim lease (POST .../claim).
struct ClaimLease {
    std::string leaseId;
    std::string expiresAt;
};

/// The account the portal created on an approval of a register request.
struct PortalAccount {
    std::string username;
    std::string initialPassword;  ///< sent to the citizen, then forgotten; never logged
    std::string mustChangeBy;
};

/// The portal's answer to a decision.
struct DecisionAnswer {
    DecisionOutcome status = DecisionOutcome::Approved;  ///< what the portal recorded
    std::optional<PortalAccount> account;
};

/// GET /contact-check: who else already uses the phone / e-mail (masked BHXH code), or nothing.
struct ContactCheck {
    std::optional<std::string> phoneInUseBy;
    std::optional<std::string> emailInUseBy;
};

/// The head of the desk's audit chain as anchored at the portal (docs/portal-api.md, "Audit anchors").
struct AuditAnchor {
    std::int64_t seq = 0;  ///< the chain's last entry
    std::string mac;       ///< its seal: 64 hex digits
    std::string at;        ///< RFC 3339, the desk's clock when it was sent
    std::string receivedAt;  ///< RFC 3339, the portal's clock when it was stored (GET only)
};

/// What ends a client's requests early. A client belongs to one thread (one lane), which sets
/// them when it starts and before its last requests.
struct RequestBounds {
    /// A stop request abandons the request under way and any retry pause (portal.cancelled).
    std::stop_token stop;
    /// > 0: every call ends within this time, without retries (the best-effort release at exit).
    std::chrono::milliseconds budget{0};
};

/// The desk's side of the portal contract. Implementations return bhxh::Error with the codes of
/// portal_errors.h, so callers can tell a transient failure (retry later) from a final one.
class PortalClient {
public:
    virtual ~PortalClient() = default;
    /// The bounds of the calls that follow (a client without I/O of its own may ignore them).
    virtual void setBounds(RequestBounds bounds) { (void)bounds; }
    /// GET /offices/{office}/declarations?after=cursor&limit=n, every status: a pull must see
    /// approvals, rejections and expiries too, or the local copy would keep them pending.
    virtual Result<DeclarationPage> listDeclarations(const std::string& office, const std::optional<std::string>& cursor,
                                                     int limit) = 0;
    /// GET /declarations/{dossier_no}
    virtual Result<Declaration> getDeclaration(const std::string& dossierNo) = 0;
    /// GET /declarations/{dossier_no}/files/{kind}
    virtual Result<PortalFile> downloadFile(const std::string& dossierNo, const std::string& kind) = 0;
    /// GET /lookup?bhxh_code=… (10 digits) or ?id_number=…
    virtual Result<std::vector<Declaration>> lookup(const std::string& bhxhCodeOrIdNumber) = 0;
    /// GET /contact-check?phone=…&email=…&bhxh_code=… (the seeds' rule: one phone ↔ one BHXH code,
    /// one e-mail ↔ one account); an empty phone or email is left out of the query.
    virtual Result<ContactCheck> contactCheck(const std::string& phone, const std::string& email,
                                              const std::string& bhxhCode) = 0;
    /// POST /declarations/{dossier_no}/claim
    virtual Result<ClaimLease> claim(const std::string& dossierNo, const std::string& officerId, int ttlSeconds) = 0;
    /// DELETE /declarations/{dossier_no}/claim/{lease_id}
    virtual Result<void> release(const std::string& dossierNo, const std::string& leaseId) = 0;
    /// POST /declarations/{dossier_no}/decision with the Idempotency-Key; bodyJson is the
    /// decision object of portal-api.md.
    virtual Result<DecisionAnswer> decide(const std::string& dossierNo, const std::string& idempotencyKey,
                                          const std::string& bodyJson) = 0;
    /// POST /desks/{desk}/audit-anchor: the head of the desk's audit chain. A client that does
    /// not implement it answers portal.rejected.
    virtual Result<void> anchorAudit(const AuditAnchor& anchor) {
        return Error{portal_error::kRejected, "audit anchor of entry " + std::to_string(anchor.seq) +
                                                  ": not supported by this portal client"};
    }
    /// GET /desks/{desk}/audit-anchor: the last anchor the portal holds for this desk, or nullopt.
    virtual Result<std::optional<AuditAnchor>> lastAuditAnchor() {
        return Error{portal_error::kRejected, "audit anchor: not supported by this portal client"};
    }
};

} // namespace bhxh::declarations
