#include "declarations/declaration_json.h"

#include <nlohmann/json.hpp>

namespace bhxh::declarations {
namespace {

using nlohmann::json;

// Reading helpers: a missing required field or a wrong type is an Error naming the field.
struct Reader {
    const json& object;
    std::string prefix;
    std::string error;

    std::string text(const char* key, bool required = true) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            if (required && error.empty()) error = prefix + key + " is missing";
            return {};
        }
        if (!it->is_string()) {
            if (error.empty()) error = prefix + key + " must be a string";
            return {};
        }
        return it->get<std::string>();
    }
    std::optional<std::string> optionalText(const char* key) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return std::nullopt;
        return text(key);
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

Result<Declaration> DeclarationJson::parse(std::string_view text) {
    json root = json::parse(text, nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        return makeError("declaration.json", "a declaration must be a JSON object");
    }
    Reader r{root, "", {}};
    Declaration d;
    d.dossierNo = r.text("dossier_no");
    d.form = r.text("form");
    d.request = r.text("request");
    d.kind = r.text("kind");
    d.status = r.text("status");
    d.officeCode = r.text("office_code");
    d.submittedAt = r.text("submitted_at");
    d.expiresAt = r.text("expires_at");
    d.channel = r.text("channel");
    d.fullName = r.text("full_name");
    d.bhxhCode = r.text("bhxh_code");
    d.idNumber = r.text("id_number");
    d.dateOfBirth = r.text("date_of_birth");
    d.gender = r.text("gender");
    d.contactPerson = r.text("contact_person", false);
    d.email = r.optionalText("email");
    d.phone = r.text("phone");
    d.transactAt = r.text("transact_at", false);
    d.ivanName = r.optionalText("ivan_name");
    d.submission = r.text("submission", false);
    d.updatedAt = r.text("updated_at");
    d.version = r.integer("version");
    if (auto it = root.find("address"); it != root.end() && it->is_object()) {
        Reader a{*it, "address.", {}};
        d.address = {a.text("province_code", false), a.text("district_code", false), a.text("ward_code", false),
                     a.text("detail", false), a.text("text", false)};
        if (r.error.empty()) r.error = a.error;
    }
    if (auto it = root.find("guardian"); it != root.end() && it->is_object()) {
        Reader g{*it, "guardian.", {}};
        d.guardian = Guardian{g.text("bhxh_code", false), g.text("full_name"), g.text("id_number")};
        if (r.error.empty()) r.error = g.error;
    }
    if (auto it = root.find("adjust"); it != root.end() && it->is_object()) {
        Reader a{*it, "adjust.", {}};
        d.adjust = AdjustRequest{a.optionalText("email"), a.optionalText("phone"), a.optionalText("cert_no"),
                                 a.optionalText("cert_issuer"), a.optionalText("cert_valid_from"),
                                 a.optionalText("cert_valid_to")};
        if (r.error.empty()) r.error = a.error;
    }
    if (auto it = root.find("stop"); it != root.end() && it->is_object()) {
        Reader s{*it, "stop.", {}};
        d.stop = StopRequest{s.text("from_date"), s.text("reason", false)};
        if (r.error.empty()) r.error = s.error;
    }
    if (auto it = root.find("files"); it != root.end() && it->is_array()) {
        for (const auto& file : *it) {
            if (!file.is_object()) {
                if (r.error.empty()) r.error = "files must hold objects";
                break;
            }
            Reader f{file, "files[].", {}};
            DeclarationFile df{f.text("kind"), f.text("sha256"), 0, f.text("content_type", false)};
            if (auto b = file.find("bytes"); b != file.end() && b->is_number_integer()) df.bytes = b->get<std::int64_t>();
            if (r.error.empty()) r.error = f.error;
            d.files.push_back(std::move(df));
        }
    }
    if (!r.error.empty()) {
        return makeError("declaration.json", "declaration " + (d.dossierNo.empty() ? std::string("?") : d.dossierNo) +
                                                 ": " + r.error);
    }
    d.sourceJson = std::string(text);
    return d;
}

std::string DeclarationJson::serialize(const Declaration& d) {
    json root{
        {"dossier_no", d.dossierNo},   {"form", d.form},
        {"request", d.request},        {"kind", d.kind},
        {"status", d.status},          {"office_code", d.officeCode},
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
