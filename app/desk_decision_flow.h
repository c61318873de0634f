#pragma once
#include "app/desk_state.h"
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/cpu_pool.h"
#include "common/main_thread_queue.h"
#include "declarations/decision.h"
#include "declarations/decision_policy.h"
#include "declarations/decision_recorder.h"

#include <chrono>
#include <functional>
#include <string>

namespace bhxh::app {

/// The decision part of the walk-in desk: the clerk's decision checked once more against the
/// policy, the second officer's password checked off the UI thread and the store (four-eyes),
/// the decision recorded durably (decision, outbox rows and audit in one transaction), pushed to
/// the portal at once, and then followed: the outgoing rows while they move, and the portal's
/// refusal, which opens the dossier again. It writes the view's `deciding`, `decided`,
/// `decidedOutcome`, `portalState`, `outgoing`, `refusalKey` and the message. UI thread only.
class DeskDecisionFlow {
public:
    /// Records a decision in one transaction (decision, outbox rows, audit); StoreWorker thread.
    using RecordFn = std::function<Result<declarations::Decision>(StoreContext&, const declarations::DecisionRequest&)>;

    DeskDecisionFlow(MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu, DeskState& state,
                     const declarations::DecisionPolicy& policy)
        : m_queue(queue), m_store(store), m_cpu(cpu), m_state(state), m_policy(policy) {}

    void setRecorder(RecordFn record) { m_record = std::move(record); }
    void setConfirm(ConfirmOfficerFn confirm) { m_confirm = std::move(confirm); }
    /// A decision was recorded: push it to the portal now (its outbox key).
    void setPush(std::function<void(const std::string& outboxKey)> push) { m_push = std::move(push); }
    /// The portal refused the decision and the dossier is open again (the desk asks who holds it
    /// and makes its checklist again).
    void setReopened(std::function<void()> reopened) { m_reopened = std::move(reopened); }

    /// The clerk's decision: an approval only when the policy's verdict allows it (with
    /// `secondOfficer`'s password when it asks for a second officer); a rejection always.
    void submit(declarations::DecisionRequest request, const std::string& secondOfficer, std::string secondPassword);
    /// The dossier shown was decided here before (`decided`), or the portal refused its last
    /// decision (`refusedCode`); either may be absent.
    void restore(const std::optional<declarations::Decision>& decided, const std::optional<std::string>& refusedCode);
    /// Every frame: the outgoing rows again, once a second, while they move.
    void poll();
    /// A new dossier (or none).
    void clear() { m_key.clear(); }

    /// The banner for a decision the portal refused: desk.refused.<conflict|expired|invalid|not_found|other>.
    [[nodiscard]] static std::string refusalKey(const std::string& portalCode);

private:
    void record(declarations::DecisionRequest decision, std::uint64_t generation);
    void recorded(std::uint64_t generation, const Result<declarations::Decision>& result,
                  declarations::DecisionOutcome outcome);
    void refreshOutgoing();
    /// The portal would not take this desk's decision: the dossier is open again.
    void reopen(const std::string& code);

    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    CpuPool& m_cpu;  // the four-eyes password check waits here
    DeskState& m_state;
    const declarations::DecisionPolicy& m_policy;
    RecordFn m_record;
    ConfirmOfficerFn m_confirm;
    std::function<void(const std::string&)> m_push;
    std::function<void()> m_reopened;
    std::string m_key;  // the recorded decision's idempotency key
    std::chrono::steady_clock::time_point m_nextRefresh{};
};

} // namespace bhxh::app
