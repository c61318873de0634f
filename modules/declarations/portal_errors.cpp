#include "declarations/portal_errors.h"

#include "common/bounded_json.h"

namespace bhxh::declarations {

namespace {
constexpr std::string_view kHeldBy = " (held by ";
constexpr std::string_view kUntil = " until ";
} // namespace

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
           code == portal_error::kRequestTimeout || code == portal_error::kRateLimited ||
           code == portal_error::kCancelled;  // may or may not have reached the portal: try again later
}

Error portalHttpError(long httpStatus, const std::string& what, std::string_view body) {
    std::string message = what + ": HTTP " + std::to_string(httpStatus);
    if (httpStatus == 410) message += " (the declaration has expired and was removed by the portal)";
    // An error body is small: anything deeper or larger is read as no body at all.
    const auto read = bhxh::json::parseBounded(
        body, {.maxBytes = 64u * 1024u, .maxDepth = 8, .maxStringBytes = 1024u, .maxValues = 1000}, "error body");
    const nlohmann::json parsed = read ? *read : nlohmann::json(nlohmann::json::value_t::discarded);
    if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("error") && parsed["error"].is_object()) {
        const auto& e = parsed["error"];
        if (e.contains("code") && e["code"].is_string()) message += " " + e["code"].get<std::string>();
        if (e.contains("message") && e["message"].is_string()) message += ": " + e["message"].get<std::string>();
    }
    if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("held_by") && parsed["held_by"].is_string()) {
        message += std::string(kHeldBy) + parsed["held_by"].get<std::string>();
        if (parsed.contains("expires_at") && parsed["expires_at"].is_string())
            message += std::string(kUntil) + parsed["expires_at"].get<std::string>();
        message += ")";
    }
    return Error{portalErrorCodeForStatus(httpStatus), message};
}

std::optional<LeaseHolder> leaseHolderOf(const Error& error) {
    if (error.code != portal_error::kConflict) return std::nullopt;
    const auto start = error.message.rfind(kHeldBy);
    if (start == std::string::npos || error.message.back() != ')') return std::nullopt;
    std::string inside = error.message.substr(start + kHeldBy.size());
    inside.pop_back();
    LeaseHolder holder;
    const auto until = inside.find(kUntil);
    holder.deskId = inside.substr(0, until);
    if (until != std::string::npos) holder.until = inside.substr(until + kUntil.size());
    return holder;
}

} // namespace bhxh::declarations
