#include "declarations/decision_payload.h"

#include "common/bounded_json.h"

#include "notify/notification_planner.h"

#include <nlohmann/json.hpp>

namespace bhxh::declarations {

using nlohmann::json;

namespace {

json nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string optString(const json& j, const char* field) {
    return j.contains(field) && j[field].is_string() ? j[field].get<std::string>() : std::string();
}

json checksJson(const DecisionChecks& c) {
    return json{{"face_score", c.faceScore ? json(*c.faceScore) : json(nullptr)},
                {"face_model", c.faceModel},
                {"fields_matched", c.fieldsMatched},
                {"card_scanned", c.cardScanned},
                {"walk_in", c.walkIn}};
}

DecisionChecks parseChecks(const json& j) {
    DecisionChecks c;
    if (!j.is_object()) return c;
    if (j.contains("face_score") && j["face_score"].is_number()) c.faceScore = j["face_score"].get<double>();
    c.faceModel = optString(j, "face_model");
    if (j.contains("fields_matched") && j["fields_matched"].is_array()) {
        for (const auto& f : j["fields_matched"]) if (f.is_string()) c.fieldsMatched.push_back(f.get<std::string>());
    }
    c.cardScanned = optString(j, "card_scanned");
    c.walkIn = j.value("walk_in", false);
    return c;
}

json adjustJson(const AdjustRequest& a) {
    json j = json::object();
    auto put = [&j](const char* k, const std::optional<std::string>& v) { if (v) j[k] = *v; };
    put("email", a.email);
    put("phone", a.phone);
    put("cert_no", a.certNo);
    put("cert_issuer", a.certIssuer);
    put("cert_valid_from", a.certValidFrom);
    put("cert_valid_to", a.certValidTo);
    return j;
}

AdjustRequest parseAdjust(const json& j) {
    AdjustRequest a;
    auto get = [&j](const char* k) -> std::optional<std::string> {
        if (j.contains(k) && j[k].is_string()) return j[k].get<std::string>();
        return std::nullopt;
    };
    a.email = get("email");
    a.phone = get("phone");
    a.certNo = get("cert_no");
    a.certIssuer = get("cert_issuer");
    a.certValidFrom = get("cert_valid_from");
    a.certValidTo = get("cert_valid_to");
    return a;
}

} // namespace

std::string DecisionPayload::portalBody() const {
    return json{{"lease_id", nullable(leaseId)},     {"decision", std::string(toString(decision))},
                {"reason_code", nullable(reasonCode)}, {"reason_text", nullable(reasonText)},
                {"officer_id", officerId},           {"decided_at", decidedAt},
                {"checks", checksJson(checks)}}
        .dump();
}

std::string DecisionPayload::toJson() const {
    json notify{{"dossier_no", dossierNo}, {"request", std::string(toString(request))},   {"full_name", fullName},
                {"bhxh_code", bhxhCode},   {"phone", phone},       {"email", email},
                {"language", language},    {"office_name", officeName}};
    notify["adjust"] = adjust ? adjustJson(*adjust) : json(nullptr);
    notify["stop"] = stop ? json{{"from_date", stop->fromDate}, {"reason", stop->reason}} : json(nullptr);
    return json{{"body", json::parse(portalBody())}, {"notify", notify}}.dump();
}

Result<DecisionPayload> DecisionPayload::parse(const std::string& text) {
    // The row comes from the local database, which a local user may have edited: read bounded.
    auto read = bhxh::json::parseBounded(text, {}, "portal decision payload", "decision.payload");
    if (!read) return read.error();
    const json& j = *read;
    if (!j.is_object() || !j.contains("body") || !j["body"].is_object() || !j.contains("notify") ||
        !j["notify"].is_object()) {
        return makeError("decision.payload", "portal decision payload: not an object with 'body' and 'notify'");
    }
    const json& b = j["body"];
    const json& n = j["notify"];
    DecisionPayload p;
    p.leaseId = optString(b, "lease_id");
    p.reasonCode = optString(b, "reason_code");
    p.reasonText = optString(b, "reason_text");
    p.officerId = optString(b, "officer_id");
    p.decidedAt = optString(b, "decided_at");
    if (b.contains("checks")) p.checks = parseChecks(b["checks"]);
    p.dossierNo = optString(n, "dossier_no");
    p.fullName = optString(n, "full_name");
    p.bhxhCode = optString(n, "bhxh_code");
    p.phone = optString(n, "phone");
    p.email = optString(n, "email");
    p.language = optString(n, "language");
    p.officeName = optString(n, "office_name");
    if (n.contains("adjust") && n["adjust"].is_object()) p.adjust = parseAdjust(n["adjust"]);
    if (n.contains("stop") && n["stop"].is_object()) p.stop = StopRequest{optString(n["stop"], "from_date"),
                                                                           optString(n["stop"], "reason")};
    const std::string decision = optString(b, "decision");
    const auto outcome = parseDecisionOutcome(decision);
    if (!outcome) {
        return makeError("decision.payload", "portal decision payload: body.decision must be approved or rejected, not '" +
                                                 decision + "'");
    }
    p.decision = *outcome;
    const std::string request = optString(n, "request");
    const auto requested = parseDeclarationRequest(request);
    if (!requested) {
        return makeError("decision.payload", "portal decision payload: notify.request must be register, adjust or stop, "
                                             "not '" + request + "'");
    }
    p.request = *requested;
    if (p.dossierNo.empty() || p.officerId.empty()) {
        return makeError("decision.payload", "portal decision payload: dossier_no and officer_id are required");
    }
    if (p.language.empty()) p.language = "vi";
    return p;
}

Result<std::vector<notify::OutboxItem>> DecisionPayload::followUps(const std::string& decisionKey,
                                                                   const DecisionAnswer& answer,
                                                                   int maxAttempts) const {
    using notify::Channel;
    using notify::NotificationKind;
    notify::Notification n;
    n.language = language;
    n.vars = {{"full_name", fullName}, {"dossier_no", dossierNo}, {"office_name", officeName}, {"username", bhxhCode}};
    std::vector<notify::Recipient> recipients{{Channel::Sms, phone, fullName, ""}, {Channel::Email, email, fullName, ""}};
    // The portal's status decides: a replayed key answers what was decided then.
    if (answer.status == DecisionOutcome::Rejected) {
        n.kind = NotificationKind::Rejection;
        n.vars["reason_code"] = reasonCode;
        n.vars["reason_text"] = reasonText;
    } else if (request == DeclarationRequest::Register) {
        if (!answer.account || answer.account->initialPassword.empty()) {
            return makeError("decision.answer", "decision on " + dossierNo +
                                                    ": the portal approved the registration but sent no account");
        }
        n.kind = NotificationKind::Approval;
        n.vars["username"] = answer.account->username;
        n.vars["initial_password"] = answer.account->initialPassword;
    } else if (request == DeclarationRequest::Adjust) {
        n.kind = NotificationKind::Adjustment;
        const AdjustRequest a = adjust.value_or(AdjustRequest{});
        // One message names one change; a phone change matters most (it is where the SMS goes).
        if (a.phone) {
            n.vars["changed_field"] = "phone";
            n.vars["new_value"] = *a.phone;
        } else if (a.email) {
            n.vars["changed_field"] = "email";
            n.vars["new_value"] = *a.email;
        } else {
            n.vars["changed_field"] = "cert_no";
            n.vars["new_value"] = a.certNo.value_or("");
        }
        recipients = notify::NotificationPlanner::adjustmentRecipients(phone, a.phone.value_or(""), email,
                                                                      a.email.value_or(""), fullName);
    } else {
        n.kind = NotificationKind::Stop;
        n.vars["from_date"] = stop ? stop->fromDate : std::string();
    }
    return notify::NotificationPlanner::plan(decisionKey, dossierNo, n, recipients, maxAttempts);
}

} // namespace bhxh::declarations
