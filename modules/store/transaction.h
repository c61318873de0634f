#pragma once
#include "common/result.h"
#include "store/database.h"

namespace bhxh::store {

/// BEGIN IMMEDIATE … COMMIT. Writers take the write lock up front, so a transaction never fails
/// half-way for a lock another writer holds; one that is not committed rolls back when destroyed.
class Transaction {
public:
    static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Result<void> commit();

private:
    explicit Transaction(Database* db) : m_db(db) {}
    Database* m_db = nullptr;
};

} // namespace bhxh::store
