#include "declarations/portal_decision_pusher.h"

#include "common/log.h"
#include "declarations/decision_payload.h"
#include "declarations/portal_errors.h"

#include <nlohmann/json.hpp>

namespace bhxh::declarations {
namespace {

/// The portal answered, and its answer is no to this decision: the dossier is held elsewhere or
/// already decided (409), gone (404, 410), or the decision is invalid (422, other 4xx).
bool isPortalRefusal(const std::string& code) {
    return code == portal_error::kConflict || code == portal_error::kExpired || code == portal_error::kNotFound ||
           code == portal_error::kInvalid || code == portal_error::kRejected;
}

} // namespace

PortalDecisionPusher::PortalDecisionPusher(notify::OutboxRepository& outbox, DecisionRepository& decisions,
                                           PortalClient& client, Clock clock)
    : m_outbox(outbox),
      m_decisions(decisions),
      m_client(client),
      m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::system_clock::now(); })) {}

Result<notify::DrainStats> PortalDecisionPusher::pushDue(std::stop_token stop) {
    notify::DrainStats stats;
    while (!stop.stop_requested()) {
        auto claimed = m_outbox.claimNext(m_clock(), notify::OutboxChannel::PortalDecision);
        if (!claimed) return claimed.error();
        if (!*claimed) break;
        if (auto ok = pushOne(**claimed, stats); !ok) return ok.error();
    }
    return stats;
}

Result<notify::DrainStats> PortalDecisionPusher::pushKey(const std::string& key) {
    notify::DrainStats stats;
    auto claimed = m_outbox.claimKey(key, notify::OutboxChannel::PortalDecision, m_clock());
    if (!claimed) return claimed.error();
    if (!*claimed) return stats;
    if (auto ok = pushOne(**claimed, stats); !ok) return ok.error();
    return stats;
}

Result<void> PortalDecisionPusher::pushOne(const notify::OutboxItem& row, notify::DrainStats& stats) {
    auto payload = DecisionPayload::parse(row.payload);
    if (!payload) {
        // Retrying cannot repair a row; a supervisor sees why it stopped.
        ++stats.failed;
        bhxh::log::error("portal decision " + row.key + " on " + row.dossierNo + ": " + payload.error().message);
        return m_outbox.markFailed(row.id, payload.error().message);
    }
    auto answer = m_client.decide(row.dossierNo, row.key, payload->portalBody());
    if (!answer) {
        const Error& e = answer.error();
        if (isTransientPortalError(e.code)) {
            ++stats.retried;
            bhxh::log::warn("portal decision on " + row.dossierNo + " not sent yet (" + e.code + "), will retry");
            auto state = m_outbox.markRetry(row.id, e.describe(), m_clock());
            if (!state) return state.error();
            return {};
        }
        ++stats.failed;
        std::string message = "the portal refused the decision (not retried): " + e.describe();
        if (e.code == portal_error::kConflict && payload->leaseId.empty()) {
            message += "; it was decided without a lease and another desk holds the dossier";
        }
        bhxh::log::error("portal decision on " + row.dossierNo + ": " + message);
        if (!isPortalRefusal(e.code)) {
            // Not the portal's word on the decision (a rejected token, a bad TLS setup, an answer
            // the desk cannot read — the portal may even have decided): the decision stands and
            // the row waits for a supervisor.
            return m_outbox.markFailed(row.id, message);
        }
        const auto at = m_clock();
        const AuditEvent audit{"decision_refused", payload->officerId, row.dossierNo,
                               std::string(toString(payload->decision)) + " refused by the portal: " + e.code, at};
        return m_decisions.refuse(row.key, row.id, PortalRefusal{e.code, message, row.key, at}, audit);
    }
    auto followUps = payload->followUps(row.key, *answer, m_followUpMaxAttempts);
    if (!followUps) {
        // The portal has decided; resending would change nothing, so the row is done, but the
        // supervisor must see that the citizen was not told.
        ++stats.failed;
        const std::string message = "the portal took the decision (" + std::string(toString(answer->status)) +
                                    ") but the citizen's messages could not be planned: " + followUps.error().message;
        bhxh::log::error("portal decision on " + row.dossierNo + ": " + message);
        return m_outbox.markFailed(row.id, message);
    }
    // The result names what the portal did, never the password.
    nlohmann::json result{{"status", std::string(toString(answer->status))}, {"follow_ups", followUps->size()}};
    if (answer->account) result["must_change_by"] = answer->account->mustChangeBy;
    if (auto ok = m_outbox.markSent(row.id, result.dump(), *followUps); !ok) return ok.error();
    ++stats.sent;
    bhxh::log::info("portal decision on " + row.dossierNo + ": " + std::string(toString(answer->status)) + ", " +
                    std::to_string(followUps->size()) + " message(s) queued");
    return {};
}

} // namespace bhxh::declarations
