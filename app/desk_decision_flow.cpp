#include "app/desk_decision_flow.h"

#include "security/password_hasher.h"

#include <algorithm>

namespace bhxh::app {
namespace {

// The declaration's status once this desk's decision is recorded.
declarations::DeclarationStatus statusAfter(declarations::DecisionOutcome outcome) {
    return outcome == declarations::DecisionOutcome::Approved ? declarations::DeclarationStatus::Approved
                                                              : declarations::DeclarationStatus::Rejected;
}

/// The lang key for an error code the clerk sees ("decision.blocked" → itself), else `fallback`.
std::string errorKey(const std::string& code, const char* fallback) {
    static const char* const kKnown[] = {"decision.blocked", "decision.needs_acknowledgement", "decision.needs_second_officer",
                                         "decision.not_open", "store.decision_exists", "security.denied",
                                         "security.bad_credentials", "security.locked", "security.disabled",
                                         "security.same_officer", "security.unavailable"};
    for (const char* k : kKnown) {
        if (code == k) return "error." + code;
    }
    return fallback;
}

const char* verdictKey(declarations::ApprovalVerdict::State state) {
    using State = declarations::ApprovalVerdict::State;
    if (state == State::Blocked) return "decision.blocked";
    if (state == State::NeedsAcknowledgement) return "decision.needs_acknowledgement";
    return "decision.needs_second_officer";
}

} // namespace

std::string DeskDecisionFlow::refusalKey(const std::string& portalCode) {
    const std::string prefix = "portal.";
    const std::string kind = portalCode.rfind(prefix, 0) == 0 ? portalCode.substr(prefix.size()) : portalCode;
    if (kind == "conflict" || kind == "expired" || kind == "invalid" || kind == "not_found") return "desk.refused." + kind;
    return "desk.refused.other";
}

void DeskDecisionFlow::submit(declarations::DecisionRequest decision, const std::string& secondOfficer,
                              std::string secondPassword) {
    auto& view = m_state.view;
    if (!m_record) {
        security::PasswordHasher::wipe(secondPassword);
        m_state.message("decision.failed", {{"detail", "no recorder"}}, true);
        return;
    }
    bool fourEyes = false;
    if (decision.outcome == declarations::DecisionOutcome::Approved) {
        // The screen's verdict, checked again here before the store (the recorder checks once more).
        const auto checklist = m_policy.evaluate(decision.facts);
        const auto verdict = m_policy.approval(checklist, decision.facts, decision.acknowledgements, !secondOfficer.empty());
        if (!verdict.ready()) {
            security::PasswordHasher::wipe(secondPassword);
            m_state.message(verdictKey(verdict.state), {}, true);
            return;
        }
        fourEyes = verdict.secondOfficerRequired;
    }
    view.deciding = true;
    view.messageKey.clear();
    const std::uint64_t generation = m_state.generation;
    if (!fourEyes) {
        security::PasswordHasher::wipe(secondPassword);
        record(std::move(decision), generation);
        return;
    }
    // Verifying a password is slow (argon2id, on the session's thread): the pool waits for it,
    // never the UI thread nor the store, which records the decision once it is known.
    m_cpu.post([this, decision = std::move(decision), secondOfficer, password = std::move(secondPassword),
                generation]() mutable {
        auto second = m_confirm ? m_confirm(secondOfficer, password)
                                : Result<std::string>(makeError("security.unavailable", "no second officer"));
        security::PasswordHasher::wipe(password);
        if (!second) {
            m_queue.post([this, generation, error = second.error()] { recorded(generation, error, {}); });
            return;
        }
        decision.secondOfficerId = *second;
        record(std::move(decision), generation);
    });
}

void DeskDecisionFlow::record(declarations::DecisionRequest decision, std::uint64_t generation) {
    m_store.post([this, decision = std::move(decision), generation](StoreContext& ctx) {
        Result<declarations::Decision> result = m_record(ctx, decision);
        m_queue.post([this, generation, result = std::move(result), outcome = decision.outcome] {
            recorded(generation, result, outcome);
        });
    });
}

void DeskDecisionFlow::recorded(std::uint64_t generation, const Result<declarations::Decision>& result,
                                declarations::DecisionOutcome outcome) {
    if (!m_state.current(generation)) return;
    auto& view = m_state.view;
    view.deciding = false;
    if (!result) {
        m_state.message(errorKey(result.error().code, "decision.failed"), {{"detail", result.error().message}}, true);
        return;
    }
    m_key = result->idempotencyKey;
    view.decided = true;
    view.refusalKey.clear();
    view.decidedOutcome = outcome;
    // Recorded here; the portal has not taken it yet (refreshOutgoing follows it there).
    view.portalState = "waiting";
    if (view.declaration) view.declaration->status = statusAfter(outcome);
    m_state.message("decision.recorded." + std::string(declarations::toString(outcome)), {}, false);
    if (m_push) m_push(m_key);
    refreshOutgoing();
}

void DeskDecisionFlow::restore(const std::optional<declarations::Decision>& decided,
                               const std::optional<std::string>& refusedCode) {
    auto& view = m_state.view;
    if (refusedCode && !decided) {
        // The portal refused the decision taken on this dossier earlier: say so.
        view.refusalKey = refusalKey(*refusedCode);
    }
    if (!decided) return;
    m_key = decided->idempotencyKey;
    view.decided = true;
    view.decidedOutcome = decided->outcome;
    // Decided before the store marked its copies (an older console): it may still say pending.
    if (view.declaration && declarations::isOpen(view.declaration->status)) {
        view.declaration->status = statusAfter(decided->outcome);
    }
    refreshOutgoing();
}

void DeskDecisionFlow::poll() {
    const auto& view = m_state.view;
    if (!view.decided || std::chrono::steady_clock::now() < m_nextRefresh) return;
    const bool moving = view.outgoing.empty() || view.portalState == "waiting" ||
                        std::any_of(view.outgoing.begin(), view.outgoing.end(), [](const ui::OutgoingView& o) {
                            return o.state == notify::OutboxState::Queued || o.state == notify::OutboxState::Sending;
                        });
    if (moving) refreshOutgoing();
}

void DeskDecisionFlow::refreshOutgoing() {
    if (!m_state.view.declaration) return;
    m_nextRefresh = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    const std::uint64_t generation = m_state.generation;
    m_store.post([this, dossier = m_state.view.declaration->dossierNo, generation](StoreContext& ctx) {
        auto rows = ctx.outbox.listByDossier(dossier);
        auto refused = ctx.decisions.lastRefusal(dossier);
        std::vector<ui::OutgoingView> views;
        if (rows) {
            for (const auto& r : *rows) {
                views.push_back({std::string(notify::toString(r.channel)), r.state, r.lastError});
            }
        }
        std::optional<declarations::PortalRefusal> refusal = refused && *refused ? **refused : std::optional<declarations::PortalRefusal>();
        m_queue.post([this, generation, views = std::move(views), refusal = std::move(refusal)]() mutable {
            if (!m_state.current(generation)) return;
            auto& view = m_state.view;
            view.outgoing = std::move(views);
            if (!view.decided) return;
            if (refusal && refusal->idempotencyKey == m_key) {
                reopen(refusal->code);
                return;
            }
            for (const auto& o : view.outgoing) {
                if (o.channel != "portal_decision") continue;
                // A row that failed without a refusal (a rejected token, an unreadable answer) or was
                // cancelled is not "waiting": the portal has not taken it and nobody will retry alone.
                using notify::OutboxState;
                const bool stopped =
                    o.state == OutboxState::Failed || o.state == OutboxState::Cancelled || o.state == OutboxState::Unknown;
                view.portalState = o.state == OutboxState::Sent ? "accepted" : (stopped ? "failed" : "waiting");
            }
        });
    });
}

void DeskDecisionFlow::reopen(const std::string& code) {
    // The portal would not take this decision: the dossier is open again, nothing was planned for
    // the citizen, and the clerk is told what happened and what to do.
    auto& view = m_state.view;
    view.decided = false;
    view.decidedOutcome.reset();
    view.portalState.clear();
    view.refusalKey = refusalKey(code);
    m_key.clear();
    if (view.declaration) view.declaration->status = declarations::DeclarationStatus::Pending;
    m_state.message(view.refusalKey, {}, true);
    if (m_reopened) m_reopened();
}

} // namespace bhxh::app
