// DecisionRecorder on the real store: validation, the portal_decision row's payload, the audit
// entry, and that no personal number or password lands where it must not.
#include "declarations/decision_payload.h"
#include "declarations/decision_recorder.h"
#include "declarations/reason_codes.h"
#include "decision_test_support.h"
#include "desk_store.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

using namespace bhxh;
using namespace bhxh::declarations;

namespace {

const auto kDecidedAt = std::chrono::system_clock::time_point(std::chrono::seconds(1795000000));

DecisionRecorder recorderOn(test::DeskStore& s) {
    return DecisionRecorder(s.decisions, [] { return kDecidedAt; });
}

nlohmann::json readJson(const std::string& path) {
    std::ifstream in(std::string(BHXH_SOURCE_DIR) + "/" + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return nlohmann::json::parse(ss.str());
}

} // namespace

TEST_CASE("a rejection without a usable reason is refused and nothing is stored", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    SECTION("no reason code") {
        auto r = recorder.record(test::rejectRequest(""));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "decision.reason_required");
    }
    SECTION("unknown code") {
        auto r = recorder.record(test::rejectRequest("bad_mood"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "decision.unknown_reason");
        CHECK(r.error().message.find("bad_mood") != std::string::npos);
    }
    SECTION("other without text") {
        auto r = recorder.record(test::rejectRequest("other", "  "));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "decision.reason_required");
    }
    SECTION("no officer") {
        auto request = test::approveRequest();
        request.officerId.clear();
        CHECK_FALSE(recorder.record(request).ok());
    }
    SECTION("a declaration that is no longer open") {
        auto request = test::approveRequest();
        request.declaration.status = bhxh::declarations::DeclarationStatus::Expired;
        auto r = recorder.record(request);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "decision.not_open");
    }
    auto rows = s.outbox.list(std::nullopt, 10);
    REQUIRE(rows.ok());
    CHECK(rows->empty());
    auto stored = s.decisions.findByDossier("07916-2026-000123");
    REQUIRE(stored.ok());
    CHECK_FALSE(stored->has_value());
}

TEST_CASE("an approval is one decision with one portal_decision row and one audit entry", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    auto decision = recorder.record(test::approveRequest());
    REQUIRE(decision.ok());
    CHECK(decision->id > 0);
    CHECK(std::regex_match(decision->idempotencyKey,
                           std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));

    auto rows = s.outbox.list(std::nullopt, 10);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    const auto& row = rows->front();
    CHECK(row.channel == notify::OutboxChannel::PortalDecision);
    CHECK(row.key == decision->idempotencyKey);
    CHECK(row.secret.empty());

    const auto payload = nlohmann::json::parse(row.payload);
    const auto& body = payload["body"];
    CHECK(body["lease_id"] == "lease-1");
    CHECK(body["decision"] == "approved");
    CHECK(body["reason_code"].is_null());
    CHECK(body["officer_id"] == "q6.nguyenvana");
    CHECK(body["decided_at"] == "2026-11-18T11:06:40Z");
    CHECK(body["checks"]["face_score"] == Approx(0.71));
    CHECK(body["checks"]["card_scanned"] == "cccd");
    CHECK(body["checks"]["walk_in"] == true);
    const auto& notify = payload["notify"];
    CHECK(notify["request"] == "register");
    CHECK(notify["full_name"] == "Nguyễn Thành Biên");
    CHECK(notify["bhxh_code"] == "0113098765");
    CHECK(notify["phone"] == "0983847986");
    CHECK(notify["email"] == "biennt@example.vn");
    CHECK(notify["language"] == "vi");
    CHECK(row.payload.find("password") == std::string::npos);
    CHECK(row.payload.find("001099012345") == std::string::npos);  // the ID number is not needed

    auto audit = s.audit.read(1, 10);
    REQUIRE(audit.ok());
    REQUIRE(audit->size() == 1);
    const auto& event = audit->front().event;
    CHECK(event.kind == "decision");
    CHECK(event.subject == "07916-2026-000123");
    CHECK(event.officerId == "q6.nguyenvana");
    for (const char* personal : {"0113098765", "001099012345", "0983847986", "biennt"}) {
        CHECK(event.detail.find(personal) == std::string::npos);
    }

    CHECK(event.detail.find("confirmed_by") == std::string::npos);

    SECTION("a second decision on the dossier is refused") {
        auto again = recorder.record(test::approveRequest());
        REQUIRE_FALSE(again.ok());
        CHECK(again.error().code == "store.decision_exists");
    }
}

TEST_CASE("a four-eyes approval names the confirming officer in the audit entry", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    auto request = test::approveRequest();
    request.secondOfficerId = "q6.tranthib";
    REQUIRE(recorder.record(request).ok());
    auto audit = s.audit.read(1, 10);
    REQUIRE(audit.ok());
    REQUIRE(audit->size() == 1);
    CHECK(audit->front().event.officerId == "q6.nguyenvana");
    CHECK(audit->front().event.detail.find("confirmed_by=q6.tranthib") != std::string::npos);
}

TEST_CASE("an approval the checks do not allow is refused and nothing is stored", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    auto request = test::approveRequest();
    for (auto& f : request.facts.comparison->fields) {
        if (f.field == "date_of_birth" || f.field == "gender") f.verdict = FieldVerdict::Mismatch;
    }
    auto refused = recorder.record(request);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "decision.blocked");
    CHECK(refused.error().message.find("field.date_of_birth") != std::string::npos);
    CHECK(s.decisions.findByDossier(request.declaration.dossierNo)->has_value() == false);
    CHECK(s.audit.read(1, 10)->empty());
    CHECK(s.outbox.list(std::nullopt, 10)->empty());

    SECTION("the same dossier may still be rejected") {
        request.outcome = DecisionOutcome::Rejected;
        request.reasonCode = "id_mismatch";
        CHECK(recorder.record(request).ok());
    }
}

TEST_CASE("an acknowledged finding is kept with the decision and named in the audit entry", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    auto request = test::approveRequest();
    for (auto& f : request.facts.comparison->fields) {
        if (f.field == "address") f.verdict = FieldVerdict::Mismatch;
    }
    auto unacknowledged = recorder.record(request);
    REQUIRE_FALSE(unacknowledged.ok());
    CHECK(unacknowledged.error().code == "decision.needs_acknowledgement");

    request.acknowledgements = {{"field.address", "moved"}};
    auto recorded = recorder.record(request);
    REQUIRE(recorded.ok());
    auto stored = s.decisions.findByDossier(request.declaration.dossierNo);
    REQUIRE(stored->has_value());
    const auto& checks = (*stored)->checks;
    REQUIRE(checks.acknowledgements.size() == 1);
    CHECK(checks.acknowledgements[0].item == "field.address");
    CHECK(checks.acknowledgements[0].reason == "moved");
    CHECK(std::find(checks.findings.begin(), checks.findings.end(), "field.address:acknowledge:differs") != checks.findings.end());
    auto audit = s.audit.read(1, 10);
    REQUIRE(audit->size() == 1);
    CHECK(audit->front().event.detail.find("ack=field.address:moved") != std::string::npos);
}

TEST_CASE("a face band 'different' is approved only with a second officer", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    auto request = test::approveRequest();
    request.facts.portraitIdcard = FaceSignal::Different;
    auto alone = recorder.record(request);
    REQUIRE_FALSE(alone.ok());
    CHECK(alone.error().code == "decision.needs_second_officer");
    request.secondOfficerId = "q6.tranthib";
    REQUIRE(recorder.record(request).ok());
    CHECK((*s.decisions.findByDossier(request.declaration.dossierNo))->checks.secondOfficerId == "q6.tranthib");
}

TEST_CASE("a chip that is not genuine: a second officer and the verdict kept as evidence", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    auto request = test::approveRequest();
    request.facts.chip = {ChipFinding::Kind::NotGenuine, "hash_mismatch"};
    request.checks.chipVerdict = "not_genuine";
    request.checks.chipReason = "hash_mismatch";
    request.checks.chipDsFingerprint = std::string(64, 'a');
    request.checks.chipFaceEvidenceJson = R"({"pairs":[{"label":"chip-portrait","score":0.8,"band":"same"}]})";
    auto alone = recorder.record(request);
    REQUIRE_FALSE(alone.ok());
    CHECK(alone.error().code == "decision.needs_second_officer");
    request.secondOfficerId = "q6.tranthib";
    REQUIRE(recorder.record(request).ok());
    const auto stored = s.decisions.findByDossier(request.declaration.dossierNo);
    REQUIRE(stored->has_value());
    const auto& checks = (*stored)->checks;
    CHECK(checks.chipVerdict == "not_genuine");
    CHECK(checks.chipReason == "hash_mismatch");
    CHECK(checks.chipDsFingerprint == std::string(64, 'a'));
    CHECK(checks.chipFaceEvidenceJson.find("chip-portrait") != std::string::npos);
    CHECK(std::find(checks.findings.begin(), checks.findings.end(), "chip:second_officer:not_genuine") != checks.findings.end());
    auto audit = s.audit.read(1, 10);
    REQUIRE(audit->size() == 1);
    CHECK(audit->front().event.detail.find("chip=not_genuine:hash_mismatch ds=" + std::string(64, 'a')) != std::string::npos);
}

TEST_CASE("a genuine chip is named in the audit entry", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    auto request = test::approveRequest();
    request.facts.chip = {ChipFinding::Kind::Genuine, ""};
    request.checks.chipVerdict = "genuine";
    request.checks.chipDsFingerprint = std::string(64, 'b');
    REQUIRE(recorder.record(request).ok());
    auto audit = s.audit.read(1, 10);
    REQUIRE(audit->size() == 1);
    CHECK(audit->front().event.detail.find("chip=genuine ds=") != std::string::npos);
    // No chip read: nothing said about it.
    test::DeskStore t;
    auto other = recorderOn(t);
    REQUIRE(other.record(test::approveRequest()).ok());
    CHECK(t.audit.read(1, 10)->front().event.detail.find("chip=") == std::string::npos);
}

TEST_CASE("a rejection carries the contract's reason text and 'other' the clerk's", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    SECTION("coded") {
        auto decision = recorder.record(test::rejectRequest("photo_mismatch"));
        REQUIRE(decision.ok());
        auto payload = DecisionPayload::parse(s.outbox.list(std::nullopt, 1)->front().payload);
        REQUIRE(payload.ok());
        CHECK(payload->decision == bhxh::declarations::DecisionOutcome::Rejected);
        CHECK(payload->reasonCode == "photo_mismatch");
        CHECK(payload->reasonText == "Ảnh chân dung không khớp với người nộp hồ sơ");
        CHECK(decision->reasonText == payload->reasonText);
    }
    SECTION("other") {
        auto decision = recorder.record(test::rejectRequest("other", "Thiếu giấy khai sinh"));
        REQUIRE(decision.ok());
        auto payload = DecisionPayload::parse(s.outbox.list(std::nullopt, 1)->front().payload);
        REQUIRE(payload.ok());
        CHECK(payload->reasonText == "Thiếu giấy khai sinh");
        auto audit = s.audit.read(1, 10);
        REQUIRE(audit.ok());
        // Free text may name anything; the audit keeps the code only.
        CHECK(audit->front().event.detail.find("Thiếu") == std::string::npos);
        CHECK(audit->front().event.detail.find("reason=other") != std::string::npos);
    }
}

TEST_CASE("an adjustment's payload keeps the old contacts and the changes", "[decision_recorder]") {
    test::DeskStore s;
    auto recorder = recorderOn(s);
    REQUIRE(recorder.record(test::approveRequest(bhxh::declarations::DeclarationRequest::Adjust)).ok());
    auto payload = DecisionPayload::parse(s.outbox.list(std::nullopt, 1)->front().payload);
    REQUIRE(payload.ok());
    CHECK(payload->phone == "0983847986");
    REQUIRE(payload->adjust);
    CHECK(payload->adjust->phone == "0912345678");
    CHECK(payload->adjust->email == "bien.moi@example.vn");
}

TEST_CASE("the reason codes match assets/lang and the notification templates", "[reason_codes]") {
    const auto vi = readJson("assets/lang/vi.json");
    const auto en = readJson("assets/lang/en.json");
    const auto templates = readJson("assets/templates/notify/vi.json");
    REQUIRE(ReasonCodes::all().size() == 9);
    for (const auto& reason : ReasonCodes::all()) {
        INFO(reason.code);
        CHECK(reason.langKey == "reason." + reason.code);
        REQUIRE(vi.contains(reason.langKey));
        REQUIRE(en.contains(reason.langKey));
        if (reason.needsFreeText) continue;
        CHECK(vi[reason.langKey] == reason.textVi);
        CHECK(templates["reasons"][reason.code] == reason.textVi);
    }
    CHECK(ReasonCodes::find("other")->needsFreeText);
    CHECK_FALSE(ReasonCodes::find("nope"));
}
