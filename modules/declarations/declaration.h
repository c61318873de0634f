#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

/// What the citizen asks for (portal-api.md `request`).
enum class DeclarationRequest { Register, Adjust, Stop };
/// Whose account it is (portal-api.md `kind`).
enum class DeclarationKind { Individual, MinorViaGuardian };
/// Where the declaration stands at the portal (portal-api.md `status`).
enum class DeclarationStatus { Pending, Claimed, Approved, Rejected, Expired };

/// Still waiting for a desk's decision (pending, or claimed by a desk).
constexpr bool isOpen(DeclarationStatus s) { return s == DeclarationStatus::Pending || s == DeclarationStatus::Claimed; }

/// The portal's spelling ("register", "minor_via_guardian", "pending", …): the one pair of
/// functions between these enumerations and text, used by the JSON (DeclarationJson) and the
/// store, and nowhere else. parse… gives nullopt for a name the contract does not have; the
/// caller refuses it with an error naming the field, never maps it to a default.
constexpr std::string_view toString(DeclarationRequest r) {
    switch (r) {
    case DeclarationRequest::Register: return "register";
    case DeclarationRequest::Adjust: return "adjust";
    case DeclarationRequest::Stop: return "stop";
    }
    return "register";
}
constexpr std::string_view toString(DeclarationKind k) {
    switch (k) {
    case DeclarationKind::Individual: return "individual";
    case DeclarationKind::MinorViaGuardian: return "minor_via_guardian";
    }
    return "individual";
}
constexpr std::string_view toString(DeclarationStatus s) {
    switch (s) {
    case DeclarationStatus::Pending: return "pending";
    case DeclarationStatus::Claimed: return "claimed";
    case DeclarationStatus::Approved: return "approved";
    case DeclarationStatus::Rejected: return "rejected";
    case DeclarationStatus::Expired: return "expired";
    }
    return "pending";
}
constexpr std::optional<DeclarationRequest> parseDeclarationRequest(std::string_view name) {
    for (auto r : {DeclarationRequest::Register, DeclarationRequest::Adjust, DeclarationRequest::Stop})
        if (toString(r) == name) return r;
    return std::nullopt;
}
constexpr std::optional<DeclarationKind> parseDeclarationKind(std::string_view name) {
    for (auto k : {DeclarationKind::Individual, DeclarationKind::MinorViaGuardian})
        if (toString(k) == name) return k;
    return std::nullopt;
}
constexpr std::optional<DeclarationStatus> parseDeclarationStatus(std::string_view name) {
    for (auto s : {DeclarationStatus::Pending, DeclarationStatus::Claimed, DeclarationStatus::Approved,
                   DeclarationStatus::Rejected, DeclarationStatus::Expired})
        if (toString(s) == name) return s;
    return std::nullopt;
}

/// A Form 01 (TK01) declaration as the portal describes it (portal-api.md). The contract's
/// enumerations are enums (request, kind, status); other values are kept as the portal sends
/// them (RFC 3339 times, YYYY-MM-DD dates); rules and comparisons live in the declarations
/// module, not here.
struct Declaration {
    std::string dossierNo;             ///< số hồ sơ, unique
    std::string form = "TK01";
    DeclarationRequest request = DeclarationRequest::Register;
    std::optional<AdjustRequest> adjust;
    std::optional<StopRequest> stop;
    DeclarationKind kind = DeclarationKind::Individual;
    DeclarationStatus status = DeclarationStatus::Pending;
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
