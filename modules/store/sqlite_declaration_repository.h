#pragma once
#include "declarations/declaration_repository.h"
#include "store/database.h"

namespace bhxh::store {

/// DeclarationRepository on the declarations and declaration_files tables. The queue's columns
/// (status, office, deadline, folded name, codes, phone) are indexed; the whole document is kept
/// as JSON and is what find() returns.
class SqliteDeclarationRepository final : public declarations::DeclarationRepository {
public:
    explicit SqliteDeclarationRepository(Database& db) : m_db(db) {}

    Result<bool> upsert(const declarations::Declaration& declaration) override;
    Result<std::size_t> storePage(const std::vector<declarations::Declaration>& items, const std::string& syncScope,
                                  const std::optional<std::string>& nextCursor) override;
    Result<std::optional<declarations::Declaration>> find(const std::string& dossierNo) override;
    Result<std::vector<declarations::Declaration>> query(const declarations::DeclarationQuery& query) override;
    Result<std::vector<declarations::Declaration>> findByCard(const std::string& bhxhCodeOrIdNumber) override;
    /// Every cached declaration with this phone (the desk's local "one phone, one code" check).
    Result<std::vector<declarations::Declaration>> findByPhone(const std::string& phone);
    Result<void> setFileLocalPath(const std::string& dossierNo, const std::string& kind, const std::string& sha256,
                                  const std::string& path) override;
    Result<std::optional<std::string>> fileLocalPath(const std::string& dossierNo, const std::string& kind,
                                                     const std::string& sha256) override;

private:
    /// The statements an upsert runs, prepared once per transaction (a page of 500 rows) and
    /// reused row after row.
    struct UpsertStatements {
        Statement declaration, file, storedKinds, dropFile;
    };
    Result<UpsertStatements> prepareUpsert();
    Result<bool> upsertInTransaction(UpsertStatements& statements, const declarations::Declaration& declaration);
    Result<std::vector<declarations::Declaration>> readAll(Statement& stmt);
    Database& m_db;
};

} // namespace bhxh::store
