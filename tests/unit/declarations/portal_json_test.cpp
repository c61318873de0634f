#include "declarations/portal_errors.h"
#include "declarations/portal_json.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace bhxh::declarations;

namespace {

// One declaration as the portal sends it (fictional data).
std::string item(const std::string& dossier = "07916-2026-000123", const std::string& version = "3",
                 const std::string& phone = R"("phone": "0983847986",)") {
    return R"({ "dossier_no": ")" + dossier + R"(", "form": "TK01", "request": "register", "adjust": null, "stop": null,
  "kind": "individual", "status": "pending", "office_code": "07916",
  "submitted_at": "2026-11-20T09:12:00+07:00", "expires_at": "2026-11-30T09:12:00+07:00", "channel": "vssid",
  "full_name": "Nguyễn Thành Biên", "bhxh_code": "0113098765", "id_number": "001099012345",
  "date_of_birth": "1984-08-05", "gender": "male",
  "address": { "province_code": "79", "district_code": "775", "ward_code": "27343", "detail": "12 Bà Hom",
               "text": "12 Bà Hom, Phường 14, Quận 6" },
  "contact_person": "Nguyễn Thành Biên", "email": null, )" + phone + R"(
  "transact_at": "portal", "ivan_name": null, "submission": "at_office", "guardian": null, "files": [],
  "updated_at": "2026-11-20T09:12:00+07:00", "version": )" + version + " }";
}

} // namespace

TEST_CASE("a well-formed page parses with its cursor", "[declarations][portal_json]") {
    auto page = PortalJson::parsePage(R"({"items": [)" + item() + "," + item("07916-2026-000124") +
                                      R"(], "next_cursor": "1700000000~07916-2026-000124"})");
    REQUIRE(page.ok());
    CHECK(page->items.size() == 2);
    CHECK(page->items[1].dossierNo == "07916-2026-000124");
    CHECK(page->nextCursor == std::optional<std::string>("1700000000~07916-2026-000124"));

    auto empty = PortalJson::parsePage(R"({"items": [], "next_cursor": null})");
    REQUIRE(empty.ok());
    CHECK(empty->items.empty());
    CHECK_FALSE(empty->nextCursor.has_value());
}

TEST_CASE("a malformed or incomplete page is refused naming the field", "[declarations][portal_json]") {
    struct Case {
        std::string body;
        std::string field;
    };
    const Case cases[] = {
        {R"({"items": [)", "not valid JSON"},
        {R"([1, 2])", "JSON object"},
        {R"({"next_cursor": null})", "'items' is missing"},
        {R"({"items": {}, "next_cursor": null})", "'items' must be an array"},
        {R"({"items": []})", "'next_cursor' is missing"},
        {R"({"items": [], "next_cursor": 7})", "'next_cursor' must be a string or null"},
        {R"({"items": [)" + item() + R"(], "next_cursor": null})", "next_cursor' is null although"},
        {R"({"items": [)" + item() + "," + item("07916-2026-000124", "3", "") + R"(], "next_cursor": "c"})",
         "items[1]"},
        {R"({"items": [)" + item("07916-2026-000124", "3", "") + R"(], "next_cursor": "c"})", "phone"},
        {R"({"items": [)" + item("07916-2026-000124", R"("three")") + R"(], "next_cursor": "c"})", "version"},
        {R"({"items": [42], "next_cursor": "c"})", "items[0]"},
    };
    for (const auto& c : cases) {
        INFO(c.body.substr(0, 80));
        auto page = PortalJson::parsePage(c.body);
        REQUIRE_FALSE(page.ok());
        CHECK(page.error().code == portal_error::kBadResponse);
        CHECK(page.error().message.find(c.field) != std::string::npos);
    }
}

TEST_CASE("claim and decision answers are checked field by field", "[declarations][portal_json]") {
    auto lease = PortalJson::parseClaim(R"({"lease_id": "L1", "expires_at": "2026-11-22T08:35:00+07:00"})");
    REQUIRE(lease.ok());
    CHECK(lease->leaseId == "L1");
    auto noLease = PortalJson::parseClaim(R"({"expires_at": "2026-11-22T08:35:00+07:00"})");
    REQUIRE_FALSE(noLease.ok());
    CHECK(noLease.error().message.find("lease_id") != std::string::npos);

    auto approved = PortalJson::parseDecision(
        R"({"status": "approved", "account": {"username": "0113098765", "initial_password": "x7-Q",
            "must_change_by": "2026-12-22"}})");
    REQUIRE(approved.ok());
    REQUIRE(approved->account.has_value());
    CHECK(approved->account->username == "0113098765");
    auto rejected = PortalJson::parseDecision(R"({"status": "rejected"})");
    REQUIRE(rejected.ok());
    CHECK_FALSE(rejected->account.has_value());
    auto noPassword = PortalJson::parseDecision(R"({"status": "approved", "account": {"username": "0113098765",
        "must_change_by": "2026-12-22"}})");
    REQUIRE_FALSE(noPassword.ok());
    CHECK(noPassword.error().message.find("initial_password") != std::string::npos);
    auto oddStatus = PortalJson::parseDecision(R"({"status": "maybe"})");
    REQUIRE_FALSE(oddStatus.ok());
    CHECK(oddStatus.error().message.find("status") != std::string::npos);
}

TEST_CASE("contact-check answers need both fields, each a masked code or null", "[declarations][portal_json]") {
    auto free = PortalJson::parseContactCheck(R"({"phone_in_use_by": null, "email_in_use_by": null})");
    REQUIRE(free.ok());
    CHECK_FALSE(free->phoneInUseBy.has_value());
    CHECK_FALSE(free->emailInUseBy.has_value());
    auto used = PortalJson::parseContactCheck(R"({"phone_in_use_by": "******8765", "email_in_use_by": null})");
    REQUIRE(used.ok());
    CHECK(used->phoneInUseBy == std::optional<std::string>("******8765"));
    CHECK_FALSE(used->emailInUseBy.has_value());
    for (const char* body : {R"({"phone_in_use_by": null})", R"({"phone_in_use_by": 7, "email_in_use_by": null})",
                             R"({"phone_in_use_by": "", "email_in_use_by": null})", "[]", "{"}) {
        INFO(body);
        auto bad = PortalJson::parseContactCheck(body);
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().code == "portal.bad_response");
        CHECK(bad.error().message.find("contact-check") != std::string::npos);
    }
}

TEST_CASE("HTTP statuses map to transient or final error codes", "[declarations][portal_errors]") {
    for (long status : {500L, 502L, 503L, 504L, 408L, 429L}) {
        INFO(status);
        CHECK(isTransientPortalError(portalErrorCodeForStatus(status)));
    }
    for (long status : {400L, 401L, 403L, 404L, 409L, 410L, 422L}) {
        INFO(status);
        CHECK_FALSE(isTransientPortalError(portalErrorCodeForStatus(status)));
    }
    CHECK(portalErrorCodeForStatus(410) == portal_error::kExpired);
    CHECK(portalErrorCodeForStatus(409) == portal_error::kConflict);
    CHECK(portalErrorCodeForStatus(422) == portal_error::kInvalid);
    CHECK(isTransientPortalError(portal_error::kNetwork));
    CHECK(isTransientPortalError(portal_error::kTimeout));
    CHECK_FALSE(isTransientPortalError(portal_error::kBadResponse));
    CHECK_FALSE(isTransientPortalError(portal_error::kConfig));

    const auto e = portalHttpError(410, "claim 07916-2026-000123",
                                   R"({"error": {"code": "expired", "message": "the declaration expired"}})");
    CHECK(e.code == portal_error::kExpired);
    CHECK(e.message.find("410") != std::string::npos);
    CHECK(e.message.find("expired") != std::string::npos);
    CHECK(portalHttpError(503, "list", "<html>not json</html>").code == portal_error::kServer);
}

namespace {

std::string withField(const std::string& field, const std::string& jsonValue) {
    std::string text = item();
    const std::string key = "\"" + field + "\": ";
    const auto at = text.find(key);
    REQUIRE(at != std::string::npos);
    const auto valueStart = at + key.size();
    // The sample's values are strings, null or {...}; replace up to the next top-level comma.
    std::size_t end = valueStart;
    int braces = 0;
    bool inString = false;
    for (; end < text.size(); ++end) {
        const char c = text[end];
        if (c == '"' && text[end - 1] != '\\') inString = !inString;
        if (inString) continue;
        if (c == '{' || c == '[') ++braces;
        if (c == '}' || c == ']') --braces;
        if ((c == ',' && braces == 0) || braces < 0) break;
    }
    return text.substr(0, valueStart) + jsonValue + text.substr(end);
}

std::string page(const std::string& items) { return R"({"items": [)" + items + R"(], "next_cursor": "c1"})"; }

} // namespace

TEST_CASE("an adjust nested 100,000 levels deep is refused without recursion", "[declarations][portal_json][hostile]") {
    std::string adjust;
    for (int i = 0; i < 100'000; ++i) adjust += R"({"adjust":)";
    adjust += "null";
    adjust.append(100'000, '}');
    const auto hostile = page(item("07916-2026-000001") + "," + withField("adjust", adjust));
    auto parsed = PortalJson::parsePage(hostile);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == portal_error::kBadResponse);
    CHECK(parsed.error().message.find("items[1].adjust") != std::string::npos);
    CHECK(parsed.error().message.find("nested deeper than") != std::string::npos);
    CHECK_FALSE(PortalJson::parseDeclaration(withField("adjust", adjust)).ok());
    CHECK_FALSE(PortalJson::parseItems(R"({"items": [)" + withField("adjust", adjust) + "]}").ok());
}

TEST_CASE("portal fields beyond the contract's limits are refused naming the field", "[declarations][portal_json][hostile]") {
    struct Case {
        const char* field;
        std::string value;
        const char* named;
    };
    const std::vector<Case> cases{
        {"full_name", "\"" + std::string(301, 'a') + "\"", "full_name is longer than 300 bytes"},
        {"contact_person", "\"" + std::string(301, 'a') + "\"", "contact_person is longer than 300 bytes"},
        {"phone", "\"" + std::string(21, '9') + "\"", "phone is longer than 20 bytes"},
        {"email", "\"" + std::string(250, 'a') + "@example.vn\"", "email is longer than 254 bytes"},
        {"address", R"({"detail": ")" + std::string(1001, 'a') + R"("})", "address.detail is longer than 1000 bytes"},
        {"guardian", R"({"full_name": ")" + std::string(301, 'a') + R"(", "id_number": "001"})",
         "guardian.full_name is longer than 300 bytes"},
        {"adjust", R"({"email": ")" + std::string(300, 'a') + R"("})", "adjust.email is longer than 254 bytes"},
        {"bhxh_code", "\"" + std::string(65, '1') + "\"", "bhxh_code is longer than 64 bytes"},
        {"files", "[" + std::string(R"({"kind":"portrait","sha256":"ab","bytes":1},)").append("") +
                      R"({"kind":"portrait","sha256":"ab","bytes":1},{"kind":"portrait","sha256":"ab","bytes":1},)"
                      R"({"kind":"portrait","sha256":"ab","bytes":1},{"kind":"portrait","sha256":"ab","bytes":1},)"
                      R"({"kind":"portrait","sha256":"ab","bytes":1},{"kind":"portrait","sha256":"ab","bytes":1},)"
                      R"({"kind":"portrait","sha256":"ab","bytes":1},{"kind":"portrait","sha256":"ab","bytes":1}])",
         "files holds more than 8 entries"},
        {"files", R"([{"kind":"portrait","sha256":"ab","bytes":73400320}])", "files[].bytes must be from 0 to 10485760"},
        {"files", R"([{"kind":"portrait","sha256":"ab","bytes":-1}])", "files[].bytes must be from 0 to 10485760"},
        // Any string beyond 16 KB is refused while reading, with its place named.
        {"ivan_name", "\"" + std::string(20'000, 'a') + "\"", "items[1].ivan_name is a string longer than 16 KB"},
    };
    for (const auto& c : cases) {
        INFO(c.field << " → " << c.named);
        // One bad item refuses the whole page: nothing of it is stored (the sync keeps its cursor).
        auto parsed = PortalJson::parsePage(page(item("07916-2026-000001") + "," + withField(c.field, c.value)));
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == portal_error::kBadResponse);
        CHECK(parsed.error().message.find(c.named) != std::string::npos);
        CHECK(parsed.error().message.find("aaaaaaaa") == std::string::npos);
    }
    // At the limits, the values pass.
    CHECK(PortalJson::parsePage(page(withField("full_name", "\"" + std::string(300, 'a') + "\""))).ok());
    CHECK(PortalJson::parsePage(page(withField("phone", "\"" + std::string(20, '9') + "\""))).ok());
}

TEST_CASE("a portal answer larger than the JSON limit is refused before it is read", "[declarations][portal_json][hostile]") {
    const auto huge = page(withField("full_name", "\"" + std::string(17u * 1024u * 1024u, 'a') + "\""));
    auto parsed = PortalJson::parsePage(huge);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == portal_error::kBadResponse);
    CHECK(parsed.error().message.find("larger than 16 MB") != std::string::npos);
}

TEST_CASE("an error body nested without end names no detail and does not crash", "[declarations][portal_errors][hostile]") {
    std::string deep(100'000, '[');
    deep.append(100'000, ']');
    const auto e = portalHttpError(500, "list", deep);
    CHECK(e.code == portal_error::kServer);
}
