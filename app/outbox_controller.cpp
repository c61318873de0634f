#include "app/outbox_controller.h"

#include "common/local_time.h"
#include "common/pii_masker.h"
#include "ui_model/error_key.h"

namespace bhxh::app {

OutboxController::OutboxController(MainThreadQueue& queue, StoreWorker& store, const ui::LangCatalog& lang,
                                   ui::StatusSnapshot& status, AuthorizeFn authorize)
    : m_queue(queue), m_store(store), m_lang(lang), m_status(status), m_authorize(std::move(authorize)) {}

void OutboxController::setStateFilter(std::optional<notify::OutboxState> state) {
    m_state = state;
    refresh();
}

void OutboxController::refresh() {
    if (m_inFlight) return;
    m_inFlight = true;
    m_next = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    m_store.post([this, state = m_state](StoreContext& ctx) {
        auto rows = ctx.outbox.list(state, 2000);
        auto counts = ctx.outbox.countByState();
        std::vector<ui::OutboxRowView> views;
        if (rows) {
            for (const auto& r : *rows) {
                // The secret and the text never leave the store worker.
                views.push_back({r.id, std::string(notify::toString(r.channel)), r.state,
                                 r.dossierNo, PiiMasker::mask(r.recipient), r.attempts, r.maxAttempts,
                                 formatLocalDateTime(r.state == notify::OutboxState::Queued ? r.nextAttemptAt : r.updatedAt),
                                 PiiMasker::mask(r.lastError)});
            }
        }
        auto count = [&counts](notify::OutboxState s) {
            if (!counts) return std::size_t{0};
            auto it = counts->find(s);
            return it == counts->end() ? std::size_t{0} : it->second;
        };
        const std::size_t pending = count(notify::OutboxState::Queued) + count(notify::OutboxState::Sending);
        const std::size_t bad = count(notify::OutboxState::Failed) + count(notify::OutboxState::Unknown);
        m_queue.post([this, ok = static_cast<bool>(rows), views = std::move(views), pending, bad]() mutable {
            m_inFlight = false;
            m_snapshot.errorKey = ok ? "" : "outbox.error";
            if (ok) m_snapshot.rows = std::move(views);
            m_status.outboxPending = pending;
            m_status.outboxFailed = bad;
        });
    });
}

std::string OutboxController::clerkText(const Error& error) const {
    // The lang text of the error's code when there is one ("security.denied"), else its message.
    const std::string key = ui::ErrorKey::keyFor(m_lang, error.describe(), "");
    return key.empty() ? error.message : std::string(m_lang.tr(key));
}

void OutboxController::retry(std::int64_t id) { supervise(id, true); }
void OutboxController::cancel(std::int64_t id) { supervise(id, false); }

void OutboxController::supervise(std::int64_t id, bool retry) {
    auto who = m_authorize ? m_authorize(retry ? Action::OutboxRetry : Action::OutboxCancel)
                           : Result<std::string>(makeError("security.denied", "no officer"));
    if (!who) {
        m_snapshot.actionMessage = m_lang.format("outbox.denied", {{"detail", clerkText(who.error())}});
        return;
    }
    m_store.post([this, id, retry, officer = *who](StoreContext& ctx) {
        const AuditEvent audit{retry ? "outbox_retry" : "outbox_cancel", officer, "outbox:" + std::to_string(id), "",
                               std::chrono::system_clock::now()};
        auto done = retry ? ctx.outbox.retry(id, audit) : ctx.outbox.cancel(id, audit);
        // A cancelled row's password is erased; old WAL frames must not keep a copy.
        if (done && !retry) (void)ctx.db.checkpoint();  // best effort: a reader may keep frames until the next one
        m_queue.post([this, id, retry, ok = static_cast<bool>(done), error = done ? Error{} : done.error()] {
            m_snapshot.actionMessage =
                ok ? m_lang.format(retry ? "outbox.retried" : "outbox.cancelled", {{"id", std::to_string(id)}})
                   : m_lang.format("outbox.action_failed", {{"detail", clerkText(error)}});
            m_inFlight = false;
            refresh();
        });
    });
}

void OutboxController::tick() {
    if (std::chrono::steady_clock::now() >= m_next) refresh();
}

} // namespace bhxh::app
