#pragma once
#include "declarations/decision_repository.h"
#include "store/database.h"

namespace bhxh::store {

/// DecisionRepository on the decisions table. Use it on a connection opened with
/// synchronousFull (the default): a decision is on disk when record() returns.
class SqliteDecisionRepository final : public declarations::DecisionRepository {
public:
    explicit SqliteDecisionRepository(Database& db) : m_db(db) {}
    Result<std::int64_t> record(const declarations::Decision& decision,
                                const std::vector<notify::OutboxItem>& outgoing, const AuditEvent& audit) override;
    Result<std::optional<declarations::Decision>> findByDossier(const std::string& dossierNo) override;
    Result<std::vector<declarations::Decision>> recent(std::size_t limit) override;
    Result<void> refuse(const std::string& idempotencyKey, std::int64_t outboxRowId,
                        const declarations::PortalRefusal& refusal, const AuditEvent& audit) override;
    Result<std::optional<declarations::PortalRefusal>> lastRefusal(const std::string& dossierNo) override;
    Result<int> countByOfficer(const std::string& officerId) override;
    Result<int> countApprovalsByOfficer(const std::string& officerId) override;

private:
    Database& m_db;
};

} // namespace bhxh::store
