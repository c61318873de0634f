#include "declarations/declaration_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using bhxh::declarations::DeclarationJson;
using bhxh::declarations::DeclarationKind;

namespace {

// The example of portal-api.md (fictional data).
const char* kExample = R"({
  "dossier_no": "07916-2026-000123", "form": "TK01", "request": "register", "adjust": null, "stop": null,
  "kind": "individual", "status": "pending", "office_code": "07916",
  "submitted_at": "2026-11-20T09:12:00+07:00", "expires_at": "2026-11-30T09:12:00+07:00", "channel": "vssid",
  "full_name": "Nguyễn Thành Biên", "bhxh_code": "0113098765", "id_number": "001099012345",
  "date_of_birth": "1984-08-05", "gender": "male",
  "address": { "province_code": "01", "district_code": "272", "ward_code": "09763", "detail": "Cụm 4",
               "text": "Cụm 4, Xã Phúc Hòa, Huyện Phúc Thọ, Thành phố Hà Nội" },
  "contact_person": "Nguyễn Thành Biên", "email": "biennt@example.vn", "phone": "0983847986",
  "transact_at": "portal", "ivan_name": null, "submission": "at_office", "guardian": null,
  "files": [ { "kind": "portrait", "sha256": "ab12", "bytes": 48213, "content_type": "image/jpeg" } ],
  "updated_at": "2026-11-20T09:12:00+07:00", "version": 3 })";

std::string withField(const char* field, const char* value) {
    auto j = nlohmann::json::parse(kExample);
    j[field] = value;
    return j.dump();
}

} // namespace

TEST_CASE("the portal's declaration JSON parses into the model and back", "[declarations][json]") {
    auto d = DeclarationJson::parse(kExample);
    REQUIRE(d.ok());
    CHECK(d->dossierNo == "07916-2026-000123");
    CHECK(d->fullName == "Nguyễn Thành Biên");
    CHECK(d->address.wardCode == "09763");
    CHECK(d->email == std::optional<std::string>("biennt@example.vn"));
    CHECK_FALSE(d->ivanName.has_value());
    CHECK_FALSE(d->guardian.has_value());
    REQUIRE(d->files.size() == 1);
    CHECK(d->files[0].bytes == 48213);
    CHECK(d->version == 3);
    CHECK(d->sourceJson == kExample);

    auto again = DeclarationJson::parse(DeclarationJson::serialize(*d));
    REQUIRE(again.ok());
    CHECK(again->address.text == d->address.text);
    CHECK(again->files[0].sha256 == "ab12");
}

TEST_CASE("a declaration with a missing or mistyped field is refused, naming the field", "[declarations][json]") {
    auto missing = DeclarationJson::parse(R"({"dossier_no": "07916-2026-000124", "version": 1})");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("07916-2026-000124") != std::string::npos);
    CHECK(missing.error().message.find("is missing") != std::string::npos);

    std::string wrong = kExample;
    wrong.replace(wrong.find("\"version\": 3"), 12, "\"version\": \"3\"");
    auto typed = DeclarationJson::parse(wrong);
    REQUIRE_FALSE(typed.ok());
    CHECK(typed.error().message.find("version must be a whole number") != std::string::npos);

    CHECK_FALSE(DeclarationJson::parse("[1,2]").ok());
    CHECK_FALSE(DeclarationJson::parse("{not json").ok());
}

TEST_CASE("a declaration with a request kind or status the contract lacks is refused naming it", "[declarations][json][enum]") {
    for (const auto& [field, value] : {std::pair{"request", "renew"}, std::pair{"kind", "company"},
                                       std::pair{"status", "archived"}}) {
        auto d = DeclarationJson::parse(withField(field, value));
        REQUIRE_FALSE(d.ok());
        CHECK(d.error().message.find(field) != std::string::npos);
        CHECK(d.error().message.find(value) != std::string::npos);
    }
    auto ok = DeclarationJson::parse(withField("kind", "minor_via_guardian"));
    REQUIRE(ok.ok());
    CHECK(ok->kind == DeclarationKind::MinorViaGuardian);
    CHECK(nlohmann::json::parse(DeclarationJson::serialize(*ok))["kind"] == "minor_via_guardian");
}
