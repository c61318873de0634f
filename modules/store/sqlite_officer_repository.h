#pragma once
#include "security/officer_repository.h"
#include "store/database.h"

namespace bhxh::store {

/// OfficerRepository on the officers table. Changes made by a person commit together with
/// their audit entry; the login counters are single UPDATEs.
class SqliteOfficerRepository final : public security::OfficerRepository {
public:
    explicit SqliteOfficerRepository(Database& db) : m_db(db) {}

    Result<std::optional<security::Officer>> find(const std::string& id) override;
    Result<std::vector<security::Officer>> list() override;
    Result<std::int64_t> count() override;
    Result<std::optional<std::string>> passwordHash(const std::string& id) override;

    Result<void> add(const security::Officer& officer, const std::string& passwordHash, const AuditEvent& audit) override;
    Result<void> setDisabled(const std::string& id, bool disabled, const AuditEvent& audit) override;
    Result<void> setPasswordHash(const std::string& id, const std::string& passwordHash, const AuditEvent& audit) override;

    Result<int> recordFailedLogin(const std::string& id, std::chrono::system_clock::time_point at) override;
    Result<void> lockUntil(const std::string& id, std::chrono::system_clock::time_point until,
                           std::chrono::system_clock::time_point at) override;
    Result<void> recordSuccessfulLogin(const std::string& id, std::chrono::system_clock::time_point at) override;

private:
    // Runs one UPDATE on the officer `id` (parameter ?1) and its audit entry in one transaction.
    Result<void> changeAudited(const std::string& id, Statement& update, const AuditEvent& audit);
    Database& m_db;
};

} // namespace bhxh::store
