#pragma once
#include "notify/backoff_policy.h"
#include "notify/outbox_repository.h"
#include "store/database.h"

#include <map>
#include <random>
#include <string>

namespace bhxh::store {

/// OutboxRepository on the store's outbox table. Claims are owned by this process
/// (ProcessIdentity), so a later start can tell an abandoned claim from a live one.
class SqliteOutboxRepository final : public notify::OutboxRepository {
public:
    explicit SqliteOutboxRepository(Database& db, notify::BackoffPolicy backoff = {});

    Result<std::int64_t> enqueue(const notify::OutboxItem& item) override;
    Result<std::optional<notify::OutboxItem>> claimNext(TimePoint now,
                                                        std::optional<notify::OutboxChannel> channel) override;
    Result<std::optional<notify::OutboxItem>> claimKey(const std::string& key, notify::OutboxChannel channel,
                                                       TimePoint now) override;
    Result<void> markSent(std::int64_t id, const std::string& result,
                          const std::vector<notify::OutboxItem>& followUps) override;
    Result<notify::OutboxState> markRetry(std::int64_t id, const std::string& error, TimePoint now) override;
    Result<void> markFailed(std::int64_t id, const std::string& error) override;
    Result<void> markUnknown(std::int64_t id, const std::string& error) override;
    Result<void> retry(std::int64_t id, const AuditEvent& audit) override;
    Result<void> cancel(std::int64_t id, const AuditEvent& audit) override;
    Result<std::size_t> requeueAbandoned(TimePoint now) override;
    Result<std::optional<notify::OutboxItem>> find(std::int64_t id) override;
    Result<std::optional<notify::OutboxItem>> findByKey(const std::string& key) override;
    Result<std::vector<notify::OutboxItem>> list(std::optional<notify::OutboxState> state, std::size_t limit) override;
    /// The rows one dossier's decision caused, oldest first (what the desk shows as "being sent").
    Result<std::vector<notify::OutboxItem>> listByDossier(const std::string& dossierNo);
    /// How many rows are in each state (the status bar's pending and failed figures).
    Result<std::map<notify::OutboxState, std::size_t>> countByState();

    /// Inserts one row; the caller holds the write transaction (used by the decision repository
    /// so that a decision and its work commit together).
    static Result<std::int64_t> insertInTransaction(Database& db, const notify::OutboxItem& item, TimePoint now);

private:
    Result<std::optional<notify::OutboxItem>> readOne(Statement& stmt);
    Result<std::vector<notify::OutboxItem>> readItems(Statement& stmt);
    Result<void> finish(std::int64_t id, notify::OutboxState state, const std::string& error, bool eraseSecret);
    Result<void> supervisorChange(std::int64_t id, const AuditEvent& audit, bool retry);
    Database& m_db;
    notify::BackoffPolicy m_backoff;
    std::mt19937_64 m_random;
};

} // namespace bhxh::store
