#include "notify/sms_profile.h"

#include "common/bounded_json.h"
#include "common/percent_encoding.h"
#include "common/placeholders.h"

#include <fstream>
#include <sstream>

namespace bhxh::notify {
namespace {

using nlohmann::json;

// A profile is a page of settings; a gateway's answer a short status.
constexpr bhxh::json::Limits kProfileLimits{.maxBytes = 256u * 1024u, .maxDepth = 16, .maxStringBytes = 8u * 1024u,
                                            .maxValues = 10'000};
constexpr bhxh::json::Limits kAnswerLimits{.maxBytes = 1024u * 1024u, .maxDepth = 32, .maxStringBytes = 64u * 1024u,
                                           .maxValues = 100'000};

// "a.b.c" into a JSON value; nullptr when absent.
const json* atPath(const json& root, const std::string& path) {
    if (path.empty()) return nullptr;
    const json* cur = &root;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!cur->is_object() || !cur->contains(part)) return nullptr;
        cur = &(*cur)[part];
        if (dot == std::string::npos) return cur;
        start = dot + 1;
    }
}

std::string scalarText(const json* v) {
    if (!v || v->is_null()) return {};
    if (v->is_string()) return v->get<std::string>();
    return v->dump();
}

std::set<std::string> codeSet(const json& j, const char* key) {
    std::set<std::string> out;
    if (j.contains(key))
        for (const auto& v : j.at(key)) out.insert(v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

// A reason for a person: the provider's words, cut short, without control characters.
std::string shortReason(std::string s) {
    for (auto& c : s)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    if (s.size() > 200) s = s.substr(0, 200) + "...";
    return s;
}

} // namespace

Result<SmsProfile> SmsProfile::loadFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError("notify.sms_profile", "cannot read SMS profile " + file.string());
    std::stringstream ss;
    ss << in.rdbuf();
    auto p = fromJson(ss.str());
    if (!p) return makeError(p.error().code, file.string() + ": " + p.error().message);
    return p;
}

Result<SmsProfile> SmsProfile::fromJson(const std::string& jsonText) {
    auto read = bhxh::json::parseBounded(jsonText, kProfileLimits, "SMS profile", "notify.sms_profile");
    if (!read) return read.error();
    const json& j = *read;
    if (!j.is_object()) return makeError("notify.sms_profile", "profile is not a JSON object");
    SmsProfile p;
    try {
        p.m_name = j.at("name").get<std::string>();
        p.m_url = j.value("url", "");
        p.m_method = j.value("method", "POST");
        p.m_encoding = j.value("encoding", "json");
        if (p.m_encoding != "json" && p.m_encoding != "form")
            return makeError("notify.sms_profile", "encoding must be json or form, not '" + p.m_encoding + "'");
        if (j.contains("auth")) {
            const auto& a = j.at("auth");
            p.m_authType = a.value("type", "none");
            for (const auto& [k, v] : a.items())
                if (k != "type" && k != "fields") p.m_authFields[k] = v.get<std::string>();
            if (a.contains("fields"))
                for (const auto& [k, v] : a.at("fields").items()) p.m_authFields["field:" + k] = v.get<std::string>();
        }
        if (p.m_authType != "none" && p.m_authType != "body" && p.m_authType != "basic" && p.m_authType != "bearer")
            return makeError("notify.sms_profile", "auth.type must be none, body, basic or bearer");
        const auto& f = j.at("fields");
        p.m_fieldTo = f.at("to").get<std::string>();
        p.m_fieldText = f.at("text").get<std::string>();
        p.m_fieldSender = f.value("sender", "");
        p.m_fieldReference = f.value("reference", "");
        p.m_fieldUnicode = f.value("unicode", "");
        p.m_fixedJson = j.value("fixed", json::object()).dump();
        p.m_phoneFormat = j.value("phone_format", "0");
        if (p.m_phoneFormat != "0" && p.m_phoneFormat != "84" && p.m_phoneFormat != "+84")
            return makeError("notify.sms_profile", "phone_format must be 0, 84 or +84");
        p.m_toArray = j.value("to_array", false);
        p.m_idempotencyHeader = j.value("idempotency_header", "");
        p.m_idempotent = j.value("idempotent", false);
        if (j.contains("success")) {
            p.m_successPath = j.at("success").value("json_path", "");
            p.m_successEquals = j.at("success").value("equals", "");
        }
        p.m_messageIdPath = j.value("message_id_path", "");
        p.m_errorCodePath = j.value("error_code_path", "");
        p.m_errorMessagePath = j.value("error_message_path", "");
        p.m_retryableCodes = codeSet(j, "retryable_codes");
        p.m_alreadySentCodes = codeSet(j, "already_sent_codes");
        p.m_unclearCodes = codeSet(j, "unclear_codes");
        p.m_ratePerMinute = j.value("rate_limit_per_minute", 0);
        std::vector<std::pair<std::string, std::string>> templated{{"url", p.m_url}};
        for (const auto& [k, v] : p.m_authFields) templated.emplace_back("auth." + (k.rfind("field:", 0) == 0 ? "fields." + k.substr(6) : k), v);
        const json fixed = j.value("fixed", json::object());
        for (const auto& [k, v] : fixed.items())
            if (v.is_string()) templated.emplace_back("fixed." + k, v.get<std::string>());
        for (const auto& [where, value] : templated) {
            if (auto syntax = text::checkPlaceholderSyntax(value); !syntax)
                return makeError("notify.sms_profile", where + ": " + syntax.error().message);
        }
    } catch (const json::exception& e) {
        return makeError("notify.sms_profile", std::string("bad profile: ") + e.what());
    }
    return p;
}

std::string SmsProfile::formatPhone(const std::string& phone) const {
    std::string digits;
    for (char c : phone) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c != ' ' && c != '+' && c != '.' && c != '-') return {};
    }
    std::string national;  // 9 digits after the leading 0
    if (digits.size() == 10 && digits[0] == '0') national = digits.substr(1);
    else if (digits.size() == 11 && digits.compare(0, 2, "84") == 0) national = digits.substr(2);
    else return {};
    if (national[0] == '0') return {};
    if (m_phoneFormat == "84") return "84" + national;
    if (m_phoneFormat == "+84") return "+84" + national;
    return "0" + national;
}

Result<HttpRequest> SmsProfile::buildRequest(const OutgoingMessage& message, const std::string& sender,
                                             const std::map<std::string, std::string>& secrets,
                                             const std::string& urlOverride) const {
    auto fill = [&](const std::string& t) { return text::fillPlaceholders(t, secrets); };
    HttpRequest r;
    r.method = m_method;
    auto url = fill(urlOverride.empty() ? m_url : urlOverride);
    if (!url) return url.error();
    if (url.value().empty()) return makeError("notify.sms_profile", "profile '" + m_name + "' has no url and none is configured");
    r.url = std::move(url.value());

    const std::string phone = formatPhone(message.to);
    if (phone.empty()) return makeError("notify.bad_phone", "recipient is not a Vietnamese mobile number");

    // Fields in a fixed order: profile's fixed fields, then ours, then auth-in-body.
    std::vector<std::pair<std::string, json>> fields;
    const json fixed = json::parse(m_fixedJson);
    for (const auto& [k, v] : fixed.items()) {
        if (v.is_string()) {
            auto filled = fill(v.get<std::string>());
            if (!filled) return filled.error();
            fields.emplace_back(k, filled.value());
        } else {
            fields.emplace_back(k, v);
        }
    }
    fields.emplace_back(m_fieldTo, m_toArray ? json::array({phone}) : json(phone));
    fields.emplace_back(m_fieldText, message.text);
    if (!m_fieldSender.empty() && !sender.empty()) fields.emplace_back(m_fieldSender, sender);
    if (!m_fieldReference.empty()) fields.emplace_back(m_fieldReference, message.key);
    if (!m_fieldUnicode.empty()) fields.emplace_back(m_fieldUnicode, 0);

    for (const auto& [k, v] : m_authFields) {
        if (m_authType == "body" && k.rfind("field:", 0) == 0) {
            auto filled = fill(v);
            if (!filled) return filled.error();
            fields.emplace_back(k.substr(6), filled.value());
        }
    }
    if (m_authType == "basic") {
        auto user = fill(m_authFields.count("user") ? m_authFields.at("user") : "");
        if (!user) return user.error();
        auto pass = fill(m_authFields.count("password") ? m_authFields.at("password") : "");
        if (!pass) return pass.error();
        r.basicUser = user.value();
        r.basicPassword = pass.value();
    } else if (m_authType == "bearer") {
        auto token = fill(m_authFields.count("token") ? m_authFields.at("token") : "");
        if (!token) return token.error();
        r.headers.emplace_back("Authorization", "Bearer " + token.value());
    }
    if (!m_idempotencyHeader.empty()) r.headers.emplace_back(m_idempotencyHeader, message.key);

    if (m_encoding == "json") {
        json body = json::object();
        for (auto& [k, v] : fields) body[k] = v;
        r.body = body.dump();
        r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    } else {
        std::string body;
        for (const auto& [k, v] : fields) {
            if (!body.empty()) body += '&';
            body += percentEncode(k) + "=" + percentEncode(v.is_string() ? v.get<std::string>() : v.dump());
        }
        r.body = std::move(body);
        r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    }
    r.headers.emplace_back("Accept", "application/json");
    return r;
}

DeliveryResult SmsProfile::classify(const HttpResponse& response) const {
    const std::string who = m_name + ": ";
    switch (response.transport) {
    case HttpResponse::Transport::Ok: break;
    case HttpResponse::Transport::ConnectFailed:
        return DeliveryResult::retry(who + "cannot connect (" + response.transportDetail + ")");
    case HttpResponse::Transport::Timeout:
    case HttpResponse::Transport::Other:
        if (m_idempotent) return DeliveryResult::retry(who + "no answer (" + response.transportDetail + ")");
        return DeliveryResult::unknown(who + "no clear answer (" + response.transportDetail +
                                       "); the message may have been sent");
    }

    const auto read = bhxh::json::parseBounded(response.body, kAnswerLimits, "gateway answer");
    const json body = read ? *read : json(json::value_t::discarded);
    const bool isJson = read.ok();
    const std::string code = isJson ? scalarText(atPath(body, m_errorCodePath)) : std::string{};
    const std::string message = isJson ? shortReason(scalarText(atPath(body, m_errorMessagePath))) : std::string{};
    const std::string status = "HTTP " + std::to_string(response.status);
    auto reason = [&] {
        std::string r = who + status;
        if (!code.empty()) r += " code " + code;
        if (!message.empty()) r += ": " + message;
        return r;
    };

    if (!code.empty() && m_alreadySentCodes.count(code))
        return DeliveryResult::sent(scalarText(isJson ? atPath(body, m_messageIdPath) : nullptr),
                                    who + "already sent (code " + code + ")");
    if (response.status == 429 || (!code.empty() && m_retryableCodes.count(code)))
        return DeliveryResult::retry(reason());
    if (response.status >= 500) {
        if (m_idempotent || response.status == 503) return DeliveryResult::retry(reason());
        return DeliveryResult::unknown(reason() + "; the message may have been sent");
    }
    if (response.status >= 200 && response.status < 300) {
        const bool success = m_successPath.empty() ||
                             (isJson && scalarText(atPath(body, m_successPath)) == m_successEquals);
        if (success) return DeliveryResult::sent(isJson ? scalarText(atPath(body, m_messageIdPath)) : std::string{});
        if (!code.empty() && m_unclearCodes.count(code)) {
            if (m_idempotent) return DeliveryResult::retry(reason());
            return DeliveryResult::unknown(reason() + "; the message may have been sent");
        }
        if (!isJson || code.empty()) {
            if (m_idempotent) return DeliveryResult::retry(who + status + ": unclear answer");
            return DeliveryResult::unknown(who + status + ": unclear answer; the message may have been sent");
        }
        return DeliveryResult::failed(reason());
    }
    if (response.status >= 400) return DeliveryResult::failed(reason());
    if (m_idempotent) return DeliveryResult::retry(who + status + ": unexpected answer");
    return DeliveryResult::unknown(who + status + ": unexpected answer; the message may have been sent");
}

} // namespace bhxh::notify
