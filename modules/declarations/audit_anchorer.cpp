#include "declarations/audit_anchorer.h"

#include "declarations/rfc3339.h"

namespace bhxh::declarations {

AuditAnchorer::AuditAnchorer(PortalClient& client, AuditHeadSource& chain, Clock clock)
    : m_client(client), m_chain(chain), m_clock(std::move(clock)) {}

Result<bool> AuditAnchorer::anchorNow() {
    auto head = m_chain.head();
    if (!head) return head.error();
    if (!*head) return false;
    AuditAnchor anchor = **head;
    anchor.at = formatRfc3339(m_clock ? m_clock() : std::chrono::system_clock::now());
    if (auto sent = m_client.anchorAudit(anchor); !sent) return sent.error();
    if (auto noted = m_chain.noteAnchored(anchor); !noted) return noted.error();
    return true;
}

} // namespace bhxh::declarations
