#include "store/sqlite_outbox_repository.h"

#include "store/audit_chain.h"
#include "store/enum_column.h"
#include "store/process_identity.h"
#include "store/time_codec.h"
#include "store/transaction.h"

namespace bhxh::store {

using notify::OutboxItem;
using notify::OutboxState;

namespace {

constexpr const char* kColumns =
    "id, key, channel, dossier_no, recipient, payload, secret, state, attempts, max_attempts, "
    "next_attempt_ms, created_ms, updated_ms, last_error, result";

Result<OutboxItem> readItem(const Statement& s) {
    OutboxItem item;
    auto channel = enumColumn(s.getText(2), notify::parseOutboxChannel, "outbox.channel");
    if (!channel) return channel.error();
    auto state = enumColumn(s.getText(7), notify::parseOutboxState, "outbox.state");
    if (!state) return state.error();
    item.id = s.getInt(0);
    item.key = s.getText(1);
    item.channel = *channel;
    item.dossierNo = s.getText(3);
    item.recipient = s.getText(4);
    item.payload = s.getText(5);
    item.secret = s.getText(6);
    item.state = *state;
    item.attempts = static_cast<int>(s.getInt(8));
    item.maxAttempts = static_cast<int>(s.getInt(9));
    item.nextAttemptAt = fromMs(s.getInt(10));
    item.createdAt = fromMs(s.getInt(11));
    item.updatedAt = fromMs(s.getInt(12));
    item.lastError = s.getText(13);
    item.result = s.getText(14);
    return item;
}

std::int64_t nowMs() { return toMs(std::chrono::system_clock::now()); }

Error notInState(std::int64_t id, const std::string& expected) {
    return makeError("store.outbox_state", "outbox item " + std::to_string(id) + " is not " + expected);
}

} // namespace

SqliteOutboxRepository::SqliteOutboxRepository(Database& db, notify::BackoffPolicy backoff)
    : m_db(db), m_backoff(backoff), m_random(std::random_device{}()) {}

Result<std::int64_t> SqliteOutboxRepository::insertInTransaction(Database& db, const OutboxItem& item, TimePoint now) {
    if (item.key.empty()) return makeError("store.outbox_key", "outbox item for " + item.dossierNo + " has no idempotency key");
    if (item.maxAttempts < 1) return makeError("store.outbox_attempts", "outbox item " + item.key + ": maxAttempts must be at least 1");
    auto stmt = db.prepare(
        "INSERT INTO outbox(key, channel, dossier_no, recipient, payload, secret, state, attempts, max_attempts, "
        "next_attempt_ms, created_ms, updated_ms) VALUES(?,?,?,?,?,?,'queued',0,?,?,?,?)");
    if (!stmt) return stmt.error();
    const auto due = item.nextAttemptAt == TimePoint{} ? now : item.nextAttemptAt;
    stmt->bind(1, item.key).bind(2, notify::toString(item.channel)).bind(3, item.dossierNo).bind(4, item.recipient);
    stmt->bind(5, item.payload);
    if (item.secret.empty()) stmt->bindNull(6); else stmt->bind(6, item.secret);
    stmt->bind(7, item.maxAttempts).bind(8, toMs(due)).bind(9, toMs(now)).bind(10, toMs(now));
    if (auto ok = stmt->run(); !ok) {
        if (ok.error().code == "store.constraint") {
            return makeError("store.outbox_duplicate", "outbox key " + item.key + " is already queued");
        }
        return ok.error();
    }
    return db.lastInsertRowId();
}

Result<std::int64_t> SqliteOutboxRepository::enqueue(const OutboxItem& item) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto id = insertInTransaction(m_db, item, std::chrono::system_clock::now());
    if (!id) return id.error();
    if (auto ok = tx->commit(); !ok) return ok.error();
    return id;
}

Result<std::optional<OutboxItem>> SqliteOutboxRepository::claimNext(TimePoint now,
                                                                    std::optional<notify::OutboxChannel> channel) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto pick = m_db.prepare(
        "SELECT id FROM outbox WHERE state = 'queued' AND next_attempt_ms <= ? AND (? IS NULL OR channel = ?) "
        "ORDER BY next_attempt_ms, id LIMIT 1");
    if (!pick) return pick.error();
    pick->bind(1, toMs(now));
    if (channel) {
        pick->bind(2, notify::toString(*channel)).bind(3, notify::toString(*channel));
    } else {
        pick->bindNull(2).bindNull(3);
    }
    auto row = pick->step();
    if (!row) return row.error();
    if (!*row) return std::optional<OutboxItem>();
    const std::int64_t id = pick->getInt(0);
    auto claim = m_db.prepare(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_by = ?, updated_ms = ? WHERE id = ?");
    if (!claim) return claim.error();
    claim->bind(1, ProcessIdentity::current()).bind(2, toMs(now)).bind(3, id);
    if (auto ok = claim->run(); !ok) return ok.error();
    if (auto ok = tx->commit(); !ok) return ok.error();
    auto item = find(id);
    if (!item) return item.error();
    return *item;
}

Result<std::optional<OutboxItem>> SqliteOutboxRepository::claimKey(const std::string& key, notify::OutboxChannel channel,
                                                                   TimePoint now) {
    auto claim = m_db.prepare(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_by = ?, updated_ms = ? "
        "WHERE key = ? AND channel = ? AND state = 'queued' RETURNING id");
    if (!claim) return claim.error();
    claim->bind(1, ProcessIdentity::current()).bind(2, toMs(now)).bind(3, key).bind(4, notify::toString(channel));
    auto row = claim->step();
    if (!row) return row.error();
    if (!*row) return std::optional<OutboxItem>();
    const std::int64_t id = claim->getInt(0);
    if (auto done = claim->step(); !done) return done.error();  // RETURNING: the statement ends here
    auto item = find(id);
    if (!item) return item.error();
    return *item;
}

Result<void> SqliteOutboxRepository::markSent(std::int64_t id, const std::string& result,
                                              const std::vector<OutboxItem>& followUps) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto stmt = m_db.prepare(
        "UPDATE outbox SET state = 'sent', secret = NULL, claimed_by = NULL, result = ?, last_error = '', "
        "updated_ms = ? WHERE id = ? AND state = 'sending'");
    if (!stmt) return stmt.error();
    stmt->bind(1, result).bind(2, nowMs()).bind(3, id);
    if (auto ok = stmt->run(); !ok) return ok.error();
    if (m_db.changes() != 1) return notInState(id, "being sent");
    const auto now = std::chrono::system_clock::now();
    for (const auto& item : followUps) {
        if (auto ok = insertInTransaction(m_db, item, now); !ok) return ok.error();
    }
    return tx->commit();
}

Result<OutboxState> SqliteOutboxRepository::markRetry(std::int64_t id, const std::string& error, TimePoint now) {
    auto current = find(id);
    if (!current) return current.error();
    if (!*current || (*current)->state != OutboxState::Sending) return notInState(id, "being sent");
    const OutboxItem& item = **current;
    if (item.attempts >= item.maxAttempts) {
        if (auto ok = finish(id, OutboxState::Failed, error + " (after " + std::to_string(item.attempts) + " attempts)", true); !ok) {
            return ok.error();
        }
        return OutboxState::Failed;
    }
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto due = now + m_backoff.delayAfter(item.attempts, unit(m_random));
    auto stmt = m_db.prepare(
        "UPDATE outbox SET state = 'queued', claimed_by = NULL, last_error = ?, next_attempt_ms = ?, updated_ms = ? "
        "WHERE id = ? AND state = 'sending'");
    if (!stmt) return stmt.error();
    stmt->bind(1, error).bind(2, toMs(due)).bind(3, toMs(now)).bind(4, id);
    if (auto ok = stmt->run(); !ok) return ok.error();
    if (m_db.changes() != 1) return notInState(id, "being sent");
    return OutboxState::Queued;
}

Result<void> SqliteOutboxRepository::markFailed(std::int64_t id, const std::string& error) {
    return finish(id, OutboxState::Failed, error, true);
}

Result<void> SqliteOutboxRepository::markUnknown(std::int64_t id, const std::string& error) {
    return finish(id, OutboxState::Unknown, error, false);
}

Result<void> SqliteOutboxRepository::finish(std::int64_t id, OutboxState state, const std::string& error, bool eraseSecret) {
    const std::string sql = std::string("UPDATE outbox SET state = ?, claimed_by = NULL, last_error = ?, updated_ms = ?") +
                            (eraseSecret ? ", secret = NULL" : "") + " WHERE id = ? AND state = 'sending'";
    auto stmt = m_db.prepare(sql);
    if (!stmt) return stmt.error();
    stmt->bind(1, notify::toString(state)).bind(2, error).bind(3, nowMs()).bind(4, id);
    if (auto ok = stmt->run(); !ok) return ok.error();
    if (m_db.changes() != 1) return notInState(id, "being sent");
    return {};
}

Result<void> SqliteOutboxRepository::retry(std::int64_t id, const AuditEvent& audit) {
    return supervisorChange(id, audit, true);
}

Result<void> SqliteOutboxRepository::cancel(std::int64_t id, const AuditEvent& audit) {
    return supervisorChange(id, audit, false);
}

Result<void> SqliteOutboxRepository::supervisorChange(std::int64_t id, const AuditEvent& audit, bool retry) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    const std::string sql =
        retry ? "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_ms = ?1, updated_ms = ?1 "
                "WHERE id = ?2 AND state IN ('failed', 'unknown')"
              : "UPDATE outbox SET state = 'cancelled', secret = NULL, updated_ms = ?1 "
                "WHERE id = ?2 AND state IN ('queued', 'failed', 'unknown')";
    auto stmt = m_db.prepare(sql);
    if (!stmt) return stmt.error();
    stmt->bind(1, nowMs()).bind(2, id);
    if (auto ok = stmt->run(); !ok) return ok.error();
    if (m_db.changes() != 1) return notInState(id, retry ? "failed or unknown" : "queued, failed or unknown");
    if (auto seq = AuditChain::appendInTransaction(m_db, audit); !seq) return seq.error();
    return tx->commit();
}

Result<std::size_t> SqliteOutboxRepository::requeueAbandoned(TimePoint now) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto claimed = m_db.prepare("SELECT id, claimed_by FROM outbox WHERE state = 'sending'");
    if (!claimed) return claimed.error();
    std::vector<std::int64_t> abandoned;
    while (true) {
        auto row = claimed->step();
        if (!row) return row.error();
        if (!*row) break;
        const auto owner = claimed->getOptionalText(1);
        if (!owner || (*owner != ProcessIdentity::current() && !ProcessIdentity::isAlive(*owner))) {
            abandoned.push_back(claimed->getInt(0));
        }
    }
    auto requeue = m_db.prepare(
        "UPDATE outbox SET state = 'queued', claimed_by = NULL, attempts = max(attempts - 1, 0), "
        "next_attempt_ms = ?, updated_ms = ? WHERE id = ? AND state = 'sending'");
    if (!requeue) return requeue.error();
    for (auto id : abandoned) {
        requeue->bind(1, toMs(now)).bind(2, toMs(now)).bind(3, id);
        if (auto ok = requeue->run(); !ok) return ok.error();
        (void)requeue->reset();
    }
    if (auto ok = tx->commit(); !ok) return ok.error();
    return abandoned.size();
}

Result<std::optional<OutboxItem>> SqliteOutboxRepository::find(std::int64_t id) {
    auto stmt = m_db.prepare(std::string("SELECT ") + kColumns + " FROM outbox WHERE id = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    return readOne(*stmt);
}

Result<std::optional<OutboxItem>> SqliteOutboxRepository::findByKey(const std::string& key) {
    auto stmt = m_db.prepare(std::string("SELECT ") + kColumns + " FROM outbox WHERE key = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, key);
    return readOne(*stmt);
}

Result<std::vector<OutboxItem>> SqliteOutboxRepository::list(std::optional<OutboxState> state, std::size_t limit) {
    auto stmt = m_db.prepare(std::string("SELECT ") + kColumns +
                             " FROM outbox WHERE (?1 IS NULL OR state = ?1) ORDER BY id DESC LIMIT ?2");
    if (!stmt) return stmt.error();
    if (state) stmt->bind(1, notify::toString(*state)); else stmt->bindNull(1);
    stmt->bind(2, static_cast<std::int64_t>(limit));
    return readItems(*stmt);
}

Result<std::vector<OutboxItem>> SqliteOutboxRepository::listByDossier(const std::string& dossierNo) {
    auto stmt = m_db.prepare(std::string("SELECT ") + kColumns + " FROM outbox WHERE dossier_no = ?1 ORDER BY id");
    if (!stmt) return stmt.error();
    stmt->bind(1, dossierNo);
    return readItems(*stmt);
}

Result<std::map<notify::OutboxState, std::size_t>> SqliteOutboxRepository::countByState() {
    auto stmt = m_db.prepare("SELECT state, COUNT(*) FROM outbox GROUP BY state");
    if (!stmt) return stmt.error();
    std::map<notify::OutboxState, std::size_t> counts;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        auto state = enumColumn(stmt->getText(0), notify::parseOutboxState, "outbox.state");
        if (!state) return state.error();
        counts[*state] = static_cast<std::size_t>(stmt->getInt(1));
    }
    return counts;
}

Result<std::optional<OutboxItem>> SqliteOutboxRepository::readOne(Statement& stmt) {
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) return std::optional<OutboxItem>();
    auto item = readItem(stmt);
    if (!item) return item.error();
    return std::optional<OutboxItem>(std::move(item).value());
}

Result<std::vector<OutboxItem>> SqliteOutboxRepository::readItems(Statement& stmt) {
    std::vector<OutboxItem> items;
    while (true) {
        auto row = stmt.step();
        if (!row) return row.error();
        if (!*row) break;
        auto item = readItem(stmt);
        if (!item) return item.error();
        items.push_back(std::move(item).value());
    }
    return items;
}

} // namespace bhxh::store
