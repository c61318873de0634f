#include "declarations/declaration_json.h"

#include <nlohmann/json.hpp>

namespace bhxh::declarations {
namespace {

using nlohmann::json;
namespace lim = declaration_limits;

// Reading helpers: a missing required field or a wrong type is an Error naming the field.
struct Reader {
    const json& object;
    std::string prefix;
    std::string error;

    std::string text(const char* key, std::size_t maxBytes, bool required = true) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            if (required && error.empty()) error = prefix + key + " is missing";
            return {};
        }
        if (!it->is_string()) {
            if (error.empty()) error = prefix + key + " must be a string";
            return {};
        }
        const auto& value = it->get_ref<const std::string&>();
        if (value.size() > maxBytes) {
            if (error.empty()) error = prefix + key + " is longer than " + std::to_string(maxBytes) + " bytes";
            return {};
        }
        return value;
    }
    std::optional<std::string> optionalText(const char* key, std::size_t maxBytes) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return std::nullopt;
        return text(key, maxBytes);
    }
    /// A contract enumeration: a name the contract does not have is an error naming the field
    /// and the value, never a default.
    template <class Enum>
    Enum enumeration(const char* key, std::optional<Enum> (*parse)(std::string_view), Enum fallback) {
        const std::string name = text(key, lim::kShortBytes);
        if (!error.empty()) return fallback;
        if (auto value = parse(name)) return *value;
        error = prefix + key + " has the unknown value \"" + name + "\"";
        return fallback;
    }
    std::int64_t integer(const char* key) {
        auto it = object.find(key);
        if (it == object.end() || !it->is_number_integer()) {
            if (error.empty()) error = prefix + key + " must be a whole number";
            return 0;
        }
        return it->get<std::int64_t>();
    }
};

json optionalJson(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }

} // namespace

bhxh::json::Limits DeclarationJson::textLimits() {
    return {.maxBytes = 16u * 1024u * 1024u,  // a page of 500 declarations is well under 2 MB
            .maxDepth = 16,                   // a declaration nests 4 levels (page, items, item, address)
            .maxStringBytes = 16u * 1024u,    // above every field limit: those name the field
            .maxValues = 200'000};
}

Result<Declaration> DeclarationJson::parse(std::string_view text) {
    auto root = bhxh::json::parseBounded(text, textLimits(), "declaration", "declaration.json");
    if (!root) return root.error();
    auto d = fromJson(*root);
    if (d) d->sourceJson = std::string(text);
    return d;
}

Result<Declaration> DeclarationJson::fromJson(const json& root) {
    if (!root.is_object()) return makeError("declaration.json", "a declaration must be a JSON object");
    Reader r{root, "", {}};
    Declaration d;
    d.dossierNo = r.text("dossier_no", lim::kShortBytes);
    d.form = r.text("form", lim::kShortBytes);
    d.request = r.enumeration("request", parseDeclarationRequest, DeclarationRequest::Register);
    d.kind = r.enumeration("kind", parseDeclarationKind, DeclarationKind::Individual);
    d.status = r.enumeration("status", parseDeclarationStatus, DeclarationStatus::Pending);
    d.officeCode = r.text("office_code", lim::kShortBytes);
    d.submittedAt = r.text("submitted_at", lim::kShortBytes);
    d.expiresAt = r.text("expires_at", lim::kShortBytes);
    d.channel = r.text("channel", lim::kShortBytes);
    d.fullName = r.text("full_name", lim::kNameBytes);
    d.bhxhCode = r.text("bhxh_code", lim::kShortBytes);
    d.idNumber = r.text("id_number", lim::kShortBytes);
    d.dateOfBirth = r.text("date_of_birth", lim::kShortBytes);
    d.gender = r.text("gender", lim::kShortBytes);
    d.contactPerson = r.text("contact_person", lim::kNameBytes, false);
    d.email = r.optionalText("email", lim::kEmailBytes);
    d.phone = r.text("phone", lim::kPhoneBytes);
    d.transactAt = r.text("transact_at", lim::kShortBytes, false);
    d.ivanName = r.optionalText("ivan_name", lim::kTextBytes);
    d.submission = r.text("submission", lim::kShortBytes, false);
    d.updatedAt = r.text("updated_at", lim::kShortBytes);
    d.version = r.integer("version");
    if (auto it = root.find("address"); it != root.end() && it->is_object()) {
        Reader a{*it, "address.", {}};
        d.address = {a.text("province_code", lim::kShortBytes, false), a.text("district_code", lim::kShortBytes, false),
                     a.text("ward_code", lim::kShortBytes, false), a.text("detail", lim::kAddressBytes, false),
                     a.text("text", lim::kAddressBytes, false)};
        if (r.error.empty()) r.error = a.error;
    }
    if (auto it = root.find("guardian"); it != root.end() && it->is_object()) {
        Reader g{*it, "guardian.", {}};
        d.guardian = Guardian{g.text("bhxh_code", lim::kShortBytes, false), g.text("full_name", lim::kNameBytes),
                              g.text("id_number", lim::kShortBytes)};
        if (r.error.empty()) r.error = g.error;
    }
    if (auto it = root.find("adjust"); it != root.end() && it->is_object()) {
        Reader a{*it, "adjust.", {}};
        d.adjust = AdjustRequest{a.optionalText("email", lim::kEmailBytes), a.optionalText("phone", lim::kPhoneBytes),
                                 a.optionalText("cert_no", lim::kShortBytes), a.optionalText("cert_issuer", lim::kTextBytes),
                                 a.optionalText("cert_valid_from", lim::kShortBytes),
                                 a.optionalText("cert_valid_to", lim::kShortBytes)};
        if (r.error.empty()) r.error = a.error;
    }
    if (auto it = root.find("stop"); it != root.end() && it->is_object()) {
        Reader s{*it, "stop.", {}};
        d.stop = StopRequest{s.text("from_date", lim::kShortBytes), s.text("reason", lim::kTextBytes, false)};
        if (r.error.empty()) r.error = s.error;
    }
    if (auto it = root.find("files"); it != root.end() && it->is_array()) {
        if (it->size() > lim::kFiles && r.error.empty()) {
            r.error = "files holds more than " + std::to_string(lim::kFiles) + " entries";
        }
        for (const auto& file : *it) {
            if (!r.error.empty()) break;
            if (!file.is_object()) {
                r.error = "files must hold objects";
                break;
            }
            Reader f{file, "files[].", {}};
            DeclarationFile df{f.text("kind", lim::kShortBytes), f.text("sha256", lim::kShortBytes), 0,
                               f.text("content_type", lim::kShortBytes, false)};
            if (auto b = file.find("bytes"); b != file.end() && b->is_number_integer()) {
                df.bytes = b->get<std::int64_t>();
                if ((df.bytes < 0 || df.bytes > lim::kFileBytes) && f.error.empty()) {
                    f.error = "files[].bytes must be from 0 to " + std::to_string(lim::kFileBytes);
                }
            }
            if (r.error.empty()) r.error = f.error;
            d.files.push_back(std::move(df));
        }
    }
    if (!r.error.empty()) {
        return makeError("declaration.json", "declaration " + (d.dossierNo.empty() ? std::string("?") : d.dossierNo) +
                                                 ": " + r.error);
    }
    d.sourceJson = root.dump();
    return d;
}

std::string DeclarationJson::serialize(const Declaration& d) {
    json root{
        {"dossier_no", d.dossierNo},   {"form", d.form},
        {"request", std::string(toString(d.request))}, {"kind", std::string(toString(d.kind))},
        {"status", std::string(toString(d.status))},       {"office_code", d.officeCode},
        {"submitted_at", d.submittedAt}, {"expires_at", d.expiresAt},
        {"channel", d.channel},        {"full_name", d.fullName},
        {"bhxh_code", d.bhxhCode},     {"id_number", d.idNumber},
        {"date_of_birth", d.dateOfBirth}, {"gender", d.gender},
        {"contact_person", d.contactPerson}, {"email", optionalJson(d.email)},
        {"phone", d.phone},            {"transact_at", d.transactAt},
        {"ivan_name", optionalJson(d.ivanName)}, {"submission", d.submission},
        {"updated_at", d.updatedAt},   {"version", d.version},
        {"address", {{"province_code", d.address.provinceCode}, {"district_code", d.address.districtCode},
                     {"ward_code", d.address.wardCode}, {"detail", d.address.detail}, {"text", d.address.text}}},
    };
    root["guardian"] = d.guardian ? json{{"bhxh_code", d.guardian->bhxhCode}, {"full_name", d.guardian->fullName},
                                         {"id_number", d.guardian->idNumber}}
                                  : json(nullptr);
    if (d.adjust) {
        json a = json::object();
        auto put = [&a](const char* key, const std::optional<std::string>& v) { if (v) a[key] = *v; };
        put("email", d.adjust->email);
        put("phone", d.adjust->phone);
        put("cert_no", d.adjust->certNo);
        put("cert_issuer", d.adjust->certIssuer);
        put("cert_valid_from", d.adjust->certValidFrom);
        put("cert_valid_to", d.adjust->certValidTo);
        root["adjust"] = a;
    } else {
        root["adjust"] = nullptr;
    }
    root["stop"] = d.stop ? json{{"from_date", d.stop->fromDate}, {"reason", d.stop->reason}} : json(nullptr);
    json files = json::array();
    for (const auto& f : d.files) {
        files.push_back({{"kind", f.kind}, {"sha256", f.sha256}, {"bytes", f.bytes}, {"content_type", f.contentType}});
    }
    root["files"] = files;
    return root.dump();
}

} // namespace bhxh::declarations
