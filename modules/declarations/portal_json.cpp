#include "declarations/portal_json.h"

#include "declarations/declaration_json.h"
#include "declarations/portal_errors.h"

#include <nlohmann/json.hpp>

namespace bhxh::declarations {
namespace {

using nlohmann::json;

Error bad(const std::string& message) { return Error{portal_error::kBadResponse, message}; }

// Every answer is read within DeclarationJson::textLimits (depth, size, string length), so a
// hostile portal cannot make the desk recurse or hold more than that.
Result<json> parseObject(std::string_view body, const char* what) {
    auto parsed = bhxh::json::parseBounded(body, DeclarationJson::textLimits(), what, portal_error::kBadResponse);
    if (!parsed) return parsed.error();
    if (!parsed->is_object()) return bad(std::string(what) + ": the body must be a JSON object");
    return parsed;
}

Result<std::string> requiredString(const json& object, const char* field, const char* what) {
    const auto it = object.find(field);
    if (it == object.end()) return bad(std::string(what) + ": field '" + field + "' is missing");
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
        return bad(std::string(what) + ": field '" + field + "' must be a non-empty string");
    }
    return it->get<std::string>();
}

Result<std::vector<Declaration>> parseItemArray(const json& object, const char* what) {
    const auto it = object.find("items");
    if (it == object.end()) return bad(std::string(what) + ": field 'items' is missing");
    if (!it->is_array()) return bad(std::string(what) + ": field 'items' must be an array");
    std::vector<Declaration> items;
    items.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& item = (*it)[i];
        auto parsed = DeclarationJson::fromJson(item);
        if (!parsed) {
            return bad(std::string(what) + ": items[" + std::to_string(i) + "]: " + parsed.error().message);
        }
        items.push_back(std::move(parsed).value());
    }
    return items;
}

} // namespace

Result<DeclarationPage> PortalJson::parsePage(std::string_view body) {
    auto object = parseObject(body, "declaration page");
    if (!object) return object.error();
    auto items = parseItemArray(*object, "declaration page");
    if (!items) return items.error();
    const auto it = object->find("next_cursor");
    if (it == object->end()) return bad("declaration page: field 'next_cursor' is missing");
    DeclarationPage page;
    page.items = std::move(items).value();
    if (it->is_string()) {
        if (it->get_ref<const std::string&>().empty()) return bad("declaration page: field 'next_cursor' is empty");
        page.nextCursor = it->get<std::string>();
    } else if (!it->is_null()) {
        return bad("declaration page: field 'next_cursor' must be a string or null");
    }
    if (!page.items.empty() && !page.nextCursor) {
        return bad("declaration page: field 'next_cursor' is null although the page has items");
    }
    return page;
}

Result<std::vector<Declaration>> PortalJson::parseItems(std::string_view body) {
    auto object = parseObject(body, "lookup");
    if (!object) return object.error();
    return parseItemArray(*object, "lookup");
}

Result<Declaration> PortalJson::parseDeclaration(std::string_view body) {
    auto object = parseObject(body, "declaration");
    if (!object) return object.error();
    auto parsed = DeclarationJson::fromJson(*object);
    if (!parsed) return bad("declaration: " + parsed.error().message);
    parsed->sourceJson = std::string(body);
    return parsed;
}

Result<ContactCheck> PortalJson::parseContactCheck(std::string_view body) {
    auto object = parseObject(body, "contact-check");
    if (!object) return object.error();
    ContactCheck check;
    for (const char* field : {"phone_in_use_by", "email_in_use_by"}) {
        const auto it = object->find(field);
        if (it == object->end()) return bad(std::string("contact-check: field '") + field + "' is missing");
        if (it->is_null()) continue;
        if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
            return bad(std::string("contact-check: field '") + field + "' must be a non-empty string or null");
        }
        (std::string(field) == "phone_in_use_by" ? check.phoneInUseBy : check.emailInUseBy) = it->get<std::string>();
    }
    return check;
}

Result<ClaimLease> PortalJson::parseClaim(std::string_view body) {
    auto object = parseObject(body, "claim");
    if (!object) return object.error();
    auto lease = requiredString(*object, "lease_id", "claim");
    if (!lease) return lease.error();
    auto expires = requiredString(*object, "expires_at", "claim");
    if (!expires) return expires.error();
    return ClaimLease{std::move(lease).value(), std::move(expires).value()};
}

Result<DecisionAnswer> PortalJson::parseDecision(std::string_view body) {
    auto object = parseObject(body, "decision");
    if (!object) return object.error();
    auto status = requiredString(*object, "status", "decision");
    if (!status) return status.error();
    const auto outcome = parseDecisionOutcome(*status);
    if (!outcome) return bad("decision: field 'status' must be approved or rejected");
    DecisionAnswer answer{*outcome, std::nullopt};
    const auto it = object->find("account");
    if (it != object->end() && !it->is_null()) {
        if (!it->is_object()) return bad("decision: field 'account' must be an object");
        auto user = requiredString(*it, "username", "decision.account");
        if (!user) return user.error();
        auto password = requiredString(*it, "initial_password", "decision.account");
        if (!password) return password.error();
        auto change = requiredString(*it, "must_change_by", "decision.account");
        if (!change) return change.error();
        answer.account = PortalAccount{std::move(user).value(), std::move(password).value(), std::move(change).value()};
    }
    return answer;
}

} // namespace bhxh::declarations
