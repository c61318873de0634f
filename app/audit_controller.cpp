#include "app/audit_controller.h"

#include "app/guarded_list.h"
#include "common/local_time.h"
#include "store/audit_chain.h"

namespace bhxh::app {

AuditController::AuditController(MainThreadQueue& queue, StoreWorker& store, AuthorizeFn authorize)
    : m_queue(queue), m_store(store), m_authorize(std::move(authorize)) {}

void AuditController::refresh() {
    refreshGuardedList(m_queue, m_store, m_authorize, "audit.view", m_snapshot, m_generation,
                       [](StoreContext& ctx, const std::string& officer) -> Result<std::vector<ui::AuditSnapshot::Row>> {
        // Viewing the trail is itself audited: when that entry cannot be written, nothing is shown.
        auto noted = ctx.audit.append({"audit_view", officer, "audit_log", "latest entries", std::chrono::system_clock::now()});
        if (!noted) return noted.error();
        auto entries = ctx.audit.readLatest(kRows);
        if (!entries) return entries.error();
        std::vector<ui::AuditSnapshot::Row> rows;
        rows.reserve(entries->size());
        for (const auto& e : *entries) {
            rows.push_back({e.seq, formatLocalDateTime(e.event.at), e.event.kind, e.event.officerId, e.event.subject,
                            e.event.detail});
        }
        return rows;
    });
}

void AuditController::verify() {
    if (!m_authorize || !m_authorize("audit.view")) return;
    m_snapshot.verifyState = "running";
    m_store.post([this](StoreContext& ctx) {
        auto report = store::AuditChain::verify(ctx.db, ctx.db.auditKeyring());
        m_queue.post([this, report = std::move(report)] {
            if (!report) {
                m_snapshot.verifyState = "broken";
                m_snapshot.brokenReason = report.error().describe();
                m_snapshot.brokenReasonKey.clear();
                return;
            }
            m_snapshot.verifiedEntries = report->entries;
            if (report->intact()) {
                m_snapshot.verifyState = "intact";
            } else {
                m_snapshot.verifyState = "broken";
                m_snapshot.brokenSeq = report->brokenSeq.value_or(0);
                m_snapshot.brokenReason = report->reason;
                m_snapshot.brokenReasonKey = report->reasonKey;
                m_snapshot.brokenReasonArgs = report->reasonArgs;
            }
        });
    });
}

} // namespace bhxh::app
