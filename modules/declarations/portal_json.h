#pragma once
#include "common/result.h"
#include "declarations/portal_client.h"

#include <string_view>

namespace bhxh::declarations {

/// Strict parsing of the portal's answers (portal-api.md). Any malformed or incomplete body is
/// an Error with code portal.bad_response whose message names the field at fault, so a caller
/// never stores half an answer.
class PortalJson {
public:
    /// `{ "items": [...], "next_cursor": "…" | null }`
    static Result<DeclarationPage> parsePage(std::string_view body);
    /// `{ "items": [...] }` (lookup)
    static Result<std::vector<Declaration>> parseItems(std::string_view body);
    /// One declaration object.
    static Result<Declaration> parseDeclaration(std::string_view body);
    /// `{ "phone_in_use_by": "…" | null, "email_in_use_by": "…" | null }`; both fields required.
    static Result<ContactCheck> parseContactCheck(std::string_view body);
    /// `{ "lease_id", "expires_at" }`
    static Result<ClaimLease> parseClaim(std::string_view body);
    /// `{ "status", "account"? }`
    static Result<DecisionAnswer> parseDecision(std::string_view body);
};

} // namespace bhxh::declarations
