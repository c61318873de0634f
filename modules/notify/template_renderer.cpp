#include "notify/template_renderer.h"

#include "common/bounded_json.h"
#include "common/placeholders.h"
#include "common/unicode_text.h"
#include "notify/sms_text.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace bhxh::notify {
namespace {

std::string toSms(const std::string& s) { return sms::toGsmText(s); }

// A template may be a string or an array of lines (long e-mail bodies stay readable in JSON).
std::string joinedText(const nlohmann::json& j) {
    if (j.is_string()) return j.get<std::string>();
    std::string out;
    if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (i) out += '\n';
            out += j[i].get<std::string>();
        }
    }
    return out;
}

bool isIsoDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

bool endsWith(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

std::string htmlEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

Result<TemplateRenderer> TemplateRenderer::loadDirectory(const std::filesystem::path& dir) {
    TemplateRenderer r;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return makeError("notify.templates", "template folder not found: " + dir.string());
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        auto added = r.addLanguage(entry.path().stem().string(), ss.str());
        if (!added) return makeError(added.error().code, entry.path().string() + ": " + added.error().message);
    }
    if (r.m_languages.empty()) return makeError("notify.templates", "no <lang>.json in " + dir.string());
    return r;
}

Result<void> TemplateRenderer::addLanguage(const std::string& languageName, const std::string& jsonText) {
    auto read = bhxh::json::parseBounded(jsonText, {.maxBytes = 1024u * 1024u, .maxDepth = 16}, "templates",
                                         "notify.templates");
    if (!read) return read.error();
    const nlohmann::json& j = *read;
    if (!j.is_object()) return makeError("notify.templates", "not a JSON object");
    Language lang;
    try {
        const nlohmann::json reasons = j.value("reasons", nlohmann::json::object());
        for (const auto& [code, text] : reasons.items()) lang.reasons[code] = text.get<std::string>();
        const nlohmann::json labels = j.value("field_labels", nlohmann::json::object());
        for (const auto& [field, label] : labels.items())
            lang.fieldLabels[field] = label.get<std::string>();
        const auto& templates = j.at("templates");
        for (auto kind : {NotificationKind::Approval, NotificationKind::Rejection, NotificationKind::Adjustment,
                          NotificationKind::Stop}) {
            const char* name = kindName(kind);
            if (!templates.contains(name))
                return makeError("notify.templates", std::string("templates.") + name + " is missing");
            const auto& t = templates.at(name);
            KindTemplates kt;
            kt.sms = joinedText(t.at("sms"));
            kt.subject = joinedText(t.at("email_subject"));
            kt.text = joinedText(t.at("email_text"));
            kt.html = joinedText(t.at("email_html"));
            for (const auto& [part, tmpl] : {std::pair{"sms", &kt.sms}, std::pair{"email_subject", &kt.subject},
                                             std::pair{"email_text", &kt.text}, std::pair{"email_html", &kt.html}}) {
                if (auto syntax = text::checkPlaceholderSyntax(*tmpl); !syntax)
                    return makeError("notify.templates", std::string("templates.") + name + "." + part + ": " +
                                                             syntax.error().message);
            }
            if (!text::isValidUtf8(kt.text + kt.html + kt.subject + kt.sms))
                return makeError("notify.templates", std::string("templates.") + name + " is not UTF-8");
            lang.kinds[name] = std::move(kt);
        }
    } catch (const nlohmann::json::exception& e) {
        return makeError("notify.templates", std::string("bad template file: ") + e.what());
    }
    m_languages[languageName] = std::move(lang);
    return {};
}

const TemplateRenderer::Language* TemplateRenderer::language(const std::string& name) const {
    auto it = m_languages.find(name);
    if (it == m_languages.end()) it = m_languages.find("vi");
    return it == m_languages.end() ? nullptr : &it->second;
}

Result<std::string> TemplateRenderer::reasonText(const std::string& languageName, const std::string& code) const {
    const Language* lang = language(languageName);
    if (!lang) return makeError("notify.templates", "no templates loaded");
    const auto it = lang->reasons.find(code);
    if (it == lang->reasons.end()) return makeError("notify.reason_code", "unknown rejection reason code '" + code + "'");
    return it->second;
}

Result<std::map<std::string, std::string>> TemplateRenderer::prepareVars(const Notification& n,
                                                                          const Language& lang) const {
    std::map<std::string, std::string> vars;
    for (const auto& [name, value] : n.vars) {
        if (!text::isValidUtf8(value)) return makeError("notify.bad_variable", "variable '" + name + "' is not UTF-8");
        std::string v = text::nfc(value);
        if (endsWith(name, "_date") && isIsoDate(v)) v = v.substr(8, 2) + "/" + v.substr(5, 2) + "/" + v.substr(0, 4);
        vars[name] = std::move(v);
    }
    if (n.kind == NotificationKind::Rejection) {
        const auto code = vars.find("reason_code");
        if (code == vars.end()) return makeError("notify.reason_code", "a rejection needs reason_code");
        if (code->second == "other") {
            const auto free = vars.find("reason_text");
            if (free == vars.end() || free->second.empty())
                return makeError("notify.reason_code", "reason_code 'other' needs a reason_text");
        } else {
            const auto it = lang.reasons.find(code->second);
            if (it == lang.reasons.end())
                return makeError("notify.reason_code", "unknown rejection reason code '" + code->second + "'");
            vars["reason_text"] = it->second;
        }
    }
    if (n.kind == NotificationKind::Adjustment) {
        const auto field = vars.find("changed_field");
        if (field == vars.end()) return makeError("notify.missing_variable", "an adjustment needs changed_field");
        const auto label = lang.fieldLabels.find(field->second);
        vars["changed_label"] = label == lang.fieldLabels.end() ? field->second : label->second;
    }
    return vars;
}

Result<RenderedMessage> TemplateRenderer::render(const Notification& n, Channel channel) const {
    const Language* lang = language(n.language);
    if (!lang) return makeError("notify.templates", "no templates loaded");
    const auto& kt = lang->kinds.at(kindName(n.kind));
    auto prepared = prepareVars(n, *lang);
    if (!prepared) return prepared.error();
    auto& vars = prepared.value();

    RenderedMessage out;
    if (channel == Channel::Email) {
        auto subject = text::fillPlaceholders(kt.subject, vars);
        if (!subject) return subject.error();
        auto body = text::fillPlaceholders(kt.text, vars);
        if (!body) return body.error();
        auto html = text::fillPlaceholders(kt.html, vars, htmlEscape);
        if (!html) return html.error();
        out.subject = std::move(subject.value());
        out.text = std::move(body.value());
        out.html = std::move(html.value());
        return out;
    }

    auto smsText = text::fillPlaceholders(sms::toGsmText(kt.sms), vars, toSms);
    if (!smsText) return smsText.error();
    auto count = sms::parts(smsText.value());
    const bool freeReason = n.kind == NotificationKind::Rejection && vars["reason_code"] == "other";
    if (count && *count > m_maxSmsParts && freeReason) {
        // Shorten only the officer's free text, at a word boundary, until the SMS fits.
        std::string reason = sms::toGsmText(vars["reason_text"]);
        while (count && *count > m_maxSmsParts && reason.size() > 3) {
            std::size_t cut = reason.find_last_of(' ', reason.size() - 4);
            reason = (cut == std::string::npos || cut < 8) ? reason.substr(0, reason.size() - 4) : reason.substr(0, cut);
            vars["reason_text"] = reason + "...";
            smsText = text::fillPlaceholders(sms::toGsmText(kt.sms), vars, toSms);
            if (!smsText) return smsText.error();
            count = sms::parts(smsText.value());
        }
    }
    if (!count) return makeError("notify.sms_charset", "SMS text has a character outside GSM-7");
    if (*count > m_maxSmsParts)
        return makeError("notify.sms_too_long", std::string("SMS for ") + kindName(n.kind) + " needs " +
                                                    std::to_string(*count) + " parts (at most " +
                                                    std::to_string(m_maxSmsParts) + ")");
    out.text = std::move(smsText.value());
    return out;
}

} // namespace bhxh::notify
