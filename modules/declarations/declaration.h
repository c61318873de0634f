#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// Address as the portal sends it: codes of the administrative units plus display text.
struct Address {
    std::string provinceCode;
    std::string districtCode;
    std::string wardCode;
    std::string detail;
    std::string text;
};

/// The parent or guardian who declares for a minor.
struct Guardian {
    std::string bhxhCode;
    std::string fullName;
    std::string idNumber;
};

/// A file attached to a declaration (portal-api.md `files`).
struct DeclarationFile {
    std::string kind;  ///< portrait | id_front | id_back | birth_certificate
    std::string sha256;
    std::int64_t bytes = 0;
    std::string contentType;
};

/// For request = adjust: only what changes.
struct AdjustRequest {
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> certNo;
    std::optional<std::string> certIssuer;
    std::optional<std::string> certValidFrom;
    std::optional<std::string> certValidTo;
};

/// For request = stop.
struct StopRequest {
    std::string fromDate;
    std::string reason;
};

/// A Form 01 (TK01) declaration as the portal describes it (portal-api.md). Values are kept as
/// the portal sends them (strings for the enumerations, RFC 3339 times, YYYY-MM-DD dates);
/// rules and comparisons live in the declarations module, not here.
struct Declaration {
    std::string dossierNo;             ///< số hồ sơ, unique
    std::string form = "TK01";
    std::string request = "register";  ///< register | adjust | stop
    std::optional<AdjustRequest> adjust;
    std::optional<StopRequest> stop;
    std::string kind = "individual";   ///< individual | minor_via_guardian
    std::string status = "pending";    ///< pending | claimed | approved | rejected | expired
    std::string officeCode;
    std::string submittedAt;
    std::string expiresAt;             ///< submitted + 10 days
    std::string channel;               ///< vssid | web
    std::string fullName;              ///< NFC, with diacritics
    std::string bhxhCode;
    std::string idNumber;
    std::string dateOfBirth;
    std::string gender;                ///< male | female
    Address address;
    std::string contactPerson;
    std::optional<std::string> email;
    std::string phone;
    std::string transactAt = "portal"; ///< portal | ivan
    std::optional<std::string> ivanName;
    std::string submission = "at_office"; ///< at_office | postal
    std::optional<Guardian> guardian;
    std::vector<DeclarationFile> files;
    std::string updatedAt;
    std::int64_t version = 0;          ///< bumps on every change at the portal
    /// The portal's JSON exactly as received, kept so that nothing the model does not know yet
    /// is lost; empty when the declaration was built in code.
    std::string sourceJson;
};

} // namespace bhxh::declarations
