#pragma once
#include "common/error.h"

#include <optional>
#include <string>
#include <string_view>

namespace bhxh::declarations {

/// Error codes of a PortalClient. Transient ones (network, timeout, 5xx, 408, 429) are retried
/// and the desk keeps working offline; the others are final for that request.
namespace portal_error {
inline constexpr const char* kNetwork = "portal.network";          ///< connection refused/reset, body cut off
inline constexpr const char* kTimeout = "portal.timeout";          ///< connect or total timeout
inline constexpr const char* kServer = "portal.server_error";      ///< 5xx
inline constexpr const char* kRequestTimeout = "portal.request_timeout";  ///< 408
inline constexpr const char* kRateLimited = "portal.rate_limited"; ///< 429
inline constexpr const char* kUnauthorized = "portal.unauthorized";  ///< 401
inline constexpr const char* kForbidden = "portal.forbidden";      ///< 403
inline constexpr const char* kNotFound = "portal.not_found";       ///< 404
inline constexpr const char* kConflict = "portal.conflict";        ///< 409
inline constexpr const char* kExpired = "portal.expired";          ///< 410
inline constexpr const char* kInvalid = "portal.invalid";          ///< 422
inline constexpr const char* kRejected = "portal.rejected";        ///< any other 4xx
inline constexpr const char* kBadResponse = "portal.bad_response"; ///< malformed or incomplete body
inline constexpr const char* kConfig = "portal.config";            ///< bad URL, token, CA bundle
inline constexpr const char* kCancelled = "portal.cancelled";      ///< abandoned: the desk is stopping
} // namespace portal_error

/// The error code for an HTTP status ≥ 400.
std::string portalErrorCodeForStatus(long httpStatus);
/// True for the codes a retry may cure.
bool isTransientPortalError(std::string_view code);
/// An Error for an HTTP failure; the message names the request, the status and the portal's
/// error code/message when its body has one (portal-api.md "Errors").
Error portalHttpError(long httpStatus, const std::string& what, std::string_view body);

/// Who holds a lease the portal refused to give (a 409 claim answer carries `held_by` and
/// `expires_at`; portalHttpError writes them into the message as " (held by <desk> until <time>)").
struct LeaseHolder {
    std::string deskId;
    std::string until;
};
/// The holder named in a conflict Error made by portalHttpError, or nothing.
std::optional<LeaseHolder> leaseHolderOf(const Error& error);

} // namespace bhxh::declarations
