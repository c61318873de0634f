#pragma once
#include "common/result.h"
#include "declarations/declaration.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// Which cached declarations the queue shows, ordered by deadline (expires_at), soonest first.
struct DeclarationQuery {
    std::string officeCode;             ///< empty = every office
    std::vector<DeclarationStatus> statuses;  ///< empty = every status
    /// Matches a name without regard to diacritics or case ("nguyen thanh" finds "Nguyễn Thành
    /// Biên"), or the start of a dossier number, BHXH code, ID number or phone.
    std::string search;
    std::size_t limit = 200;
    std::size_t offset = 0;
};

/// The local copy of the portal's declarations. Implemented by the store.
class DeclarationRepository {
public:
    virtual ~DeclarationRepository() = default;

    /// Stores a declaration unless a newer version is already stored; true when it was written.
    virtual Result<bool> upsert(const Declaration& declaration) = 0;
    /// Stores one or more consecutive pages of a sync pull and moves the scope's cursor to the
    /// last one's in one transaction, so a crash never skips a page. Returns how many
    /// declarations were written.
    virtual Result<std::size_t> storePage(const std::vector<Declaration>& items, const std::string& syncScope,
                                          const std::optional<std::string>& nextCursor) = 0;
    virtual Result<std::optional<Declaration>> find(const std::string& dossierNo) = 0;
    virtual Result<std::vector<Declaration>> query(const DeclarationQuery& query) = 0;
    /// Declarations for a scanned card: the BHXH code, the ID number, or a guardian's ID number or
    /// BHXH code (a minor's declaration opens from the guardian's CCCD or BHYT card).
    virtual Result<std::vector<Declaration>> findByCard(const std::string& bhxhCodeOrIdNumber) = 0;
    /// Remembers where a file's verified bytes are cached on disk.
    virtual Result<void> setFileLocalPath(const std::string& dossierNo, const std::string& kind,
                                          const std::string& sha256, const std::string& path) = 0;
    /// The cached path of a file, if it was fetched and its sha256 still matches.
    virtual Result<std::optional<std::string>> fileLocalPath(const std::string& dossierNo, const std::string& kind,
                                                             const std::string& sha256) = 0;
};

} // namespace bhxh::declarations
