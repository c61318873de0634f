#pragma once
#include "common/result.h"
#include "store/database.h"
#include "seeder.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace portal {

class CardImages;

/// The value of a store call, or the exception that rolls back the request's transaction
/// (PortalStore::inTransaction answers 500). The statements are the desk's own
/// (store/database.h): the reference portal has no SQLite wrapper of its own.
template <class T>
T must(bhxh::Result<T> r) {
    if (!r) throw std::runtime_error(r.error().describe());
    return std::move(r).value();
}
inline void must(bhxh::Result<void> r) {
    if (!r) throw std::runtime_error(r.error().describe());
}

/// An HTTP status and its JSON body, as the contract writes them.
struct Answer {
    int status = 200;
    nlohmann::json body;
    /// The body already written as JSON text (the listing's pages, built without a JSON tree);
    /// when set, it is sent instead of `body`.
    std::string text = {};
};

/// A stored file: bytes and what the ETag and Content-Type say.
struct StoredFile {
    std::string sha256, contentType, bytes;
};

/// The portal's state in its own SQLite file, and the contract's rules over it. Every
/// request runs in one IMMEDIATE transaction under one lock, so a claim or a decision is
/// decided exactly once however many desks race for it.
class PortalStore {
public:
    static bhxh::Result<std::unique_ptr<PortalStore>> open(const std::string& path);
    ~PortalStore();
    PortalStore(const PortalStore&) = delete;
    PortalStore& operator=(const PortalStore&) = delete;

    [[nodiscard]] long long declarationCount();
    /// Inserts the seeded declarations (and their photos when images is given) in one transaction.
    bhxh::Result<void> insertSeed(const std::vector<SeedDeclaration>& seeds, const CardImages* images);

    Answer list(const std::string& deskOffice, const std::string& office, const std::string& status,
                const std::string& after, const std::string& limit);
    Answer get(const std::string& deskOffice, const std::string& dossierNo);
    /// The file, or an error answer (404/403).
    std::optional<StoredFile> file(const std::string& deskOffice, const std::string& dossierNo,
                                   const std::string& kind, Answer& error);
    Answer lookup(const std::string& deskOffice, const std::string& bhxhCode, const std::string& idNumber);
    Answer contactCheck(const std::string& phone, const std::string& email, const std::string& bhxhCode);
    Answer claim(const std::string& deskId, const std::string& dossierNo, const std::string& body);
    Answer release(const std::string& deskId, const std::string& dossierNo, const std::string& leaseId);
    Answer decide(const std::string& deskId, const std::string& dossierNo, const std::string& idempotencyKey,
                  const std::string& body);
    /// POST /desks/{desk}/audit-anchor (docs/portal-api.md, "Audit anchors"): stores the head of
    /// the desk's audit chain; an anchor behind the last one, or the same seq with another MAC,
    /// is refused (409) and kept out, since a desk's chain only grows.
    Answer anchorAudit(const std::string& deskId, const std::string& pathDesk, const std::string& body);
    /// GET /desks/{desk}/audit-anchor: {"anchor": the last one, or null}.
    Answer lastAuditAnchor(const std::string& deskId, const std::string& pathDesk);

private:
    explicit PortalStore(bhxh::store::Database db);
    bhxh::Result<void> migrate();
    void exec(const char* sql);
    std::int64_t nextUpdateMicros();
    /// Expires declarations past expires_at and leases past their TTL.
    void sweep();
    nlohmann::json compose(const std::string& dossierNo);
    std::optional<Answer> checkDossier(const std::string& deskOffice, const std::string& dossierNo,
                                       std::string* status = nullptr, std::int64_t* expires = nullptr);
    void touch(const std::string& dossierNo, const std::string& status);
    Answer inTransaction(const std::function<Answer()>& body);

    bhxh::store::Database m_db;
    std::mutex m_mutex;
    std::int64_t m_lastMicros = 0;
};

/// `{"error":{"code","message"}}` with its status.
Answer errorAnswer(int status, const std::string& code, const std::string& message);

} // namespace portal
