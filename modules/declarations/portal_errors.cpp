#include "declarations/portal_errors.h"

#include <nlohmann/json.hpp>

namespace bhxh::declarations {

std::string portalErrorCodeForStatus(long httpStatus) {
    if (httpStatus >= 500) return portal_error::kServer;
    switch (httpStatus) {
    case 401: return portal_error::kUnauthorized;
    case 403: return portal_error::kForbidden;
    case 404: return portal_error::kNotFound;
    case 408: return portal_error::kRequestTimeout;
    case 409: return portal_error::kConflict;
    case 410: return portal_error::kExpired;
    case 422: return portal_error::kInvalid;
    case 429: return portal_error::kRateLimited;
    default: return portal_error::kRejected;
    }
}

bool isTransientPortalError(std::string_view code) {
    return code == portal_error::kNetwork || code == portal_error::kTimeout || code == portal_error::kServer ||
           code == portal_error::kRequestTimeout || code == portal_error::kRateLimited;
}

Error portalHttpError(long httpStatus, const std::string& what, std::string_view body) {
    std::string message = what + ": HTTP " + std::to_string(httpStatus);
    if (httpStatus == 410) message += " (the declaration has expired and was removed by the portal)";
    const auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("error") && parsed["error"].is_object()) {
        const auto& e = parsed["error"];
        if (e.contains("code") && e["code"].is_string()) message += " " + e["code"].get<std::string>();
        if (e.contains("message") && e["message"].is_string()) message += ": " + e["message"].get<std::string>();
    }
    return Error{portalErrorCodeForStatus(httpStatus), message};
}

} // namespace bhxh::declarations
