// The contract's enumerations (request, kind, status, outcome, outbox state): each has one pair
// of functions to and from the portal's spelling; every value reads back, and a name the
// contract does not have is refused, never mapped to a default.
#include "declarations/decision.h"
#include "declarations/decision_payload.h"
#include "declarations/declaration.h"
#include "notify/outbox_item.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace bhxh::declarations;

TEST_CASE("declaration request kind and status read back from the portal's spelling", "[declarations][enum]") {
    for (auto r : {DeclarationRequest::Register, DeclarationRequest::Adjust, DeclarationRequest::Stop})
        CHECK(parseDeclarationRequest(toString(r)) == r);
    for (auto k : {DeclarationKind::Individual, DeclarationKind::MinorViaGuardian})
        CHECK(parseDeclarationKind(toString(k)) == k);
    for (auto s : {DeclarationStatus::Pending, DeclarationStatus::Claimed, DeclarationStatus::Approved,
                   DeclarationStatus::Rejected, DeclarationStatus::Expired})
        CHECK(parseDeclarationStatus(toString(s)) == s);
    CHECK(toString(DeclarationKind::MinorViaGuardian) == "minor_via_guardian");
    CHECK(toString(DeclarationStatus::Expired) == "expired");

    CHECK_FALSE(parseDeclarationRequest("renew"));
    CHECK_FALSE(parseDeclarationRequest("Register"));
    CHECK_FALSE(parseDeclarationKind("minor"));
    CHECK_FALSE(parseDeclarationStatus("cancelled"));
    CHECK_FALSE(parseDeclarationStatus(""));
}

TEST_CASE("decision outcome and outbox state read back and refuse other names", "[declarations][enum]") {
    CHECK(parseDecisionOutcome(toString(DecisionOutcome::Approved)) == DecisionOutcome::Approved);
    CHECK(parseDecisionOutcome(toString(DecisionOutcome::Rejected)) == DecisionOutcome::Rejected);
    CHECK_FALSE(parseDecisionOutcome("approve"));
    CHECK_FALSE(parseDecisionOutcome(""));

    using bhxh::notify::OutboxState;
    for (auto s : {OutboxState::Queued, OutboxState::Sending, OutboxState::Sent, OutboxState::Unknown,
                   OutboxState::Failed, OutboxState::Cancelled})
        CHECK(bhxh::notify::parseOutboxState(bhxh::notify::toString(s)) == s);
    CHECK_FALSE(bhxh::notify::parseOutboxState("delivered"));
}

TEST_CASE("an outbox decision payload with an unknown outcome or request is refused", "[declarations][enum]") {
    DecisionPayload p;
    p.decision = DecisionOutcome::Rejected;
    p.request = DeclarationRequest::Stop;
    p.dossierNo = "07916-2026-000123";
    p.officerId = "clerk01";
    auto back = DecisionPayload::parse(p.toJson());
    REQUIRE(back.ok());
    CHECK(back->decision == DecisionOutcome::Rejected);
    CHECK(back->request == DeclarationRequest::Stop);

    auto j = nlohmann::json::parse(p.toJson());
    j["body"]["decision"] = "maybe";
    auto badOutcome = DecisionPayload::parse(j.dump());
    REQUIRE_FALSE(badOutcome.ok());
    CHECK(badOutcome.error().message.find("maybe") != std::string::npos);

    j = nlohmann::json::parse(p.toJson());
    j["notify"]["request"] = "renew";
    auto badRequest = DecisionPayload::parse(j.dump());
    REQUIRE_FALSE(badRequest.ok());
    CHECK(badRequest.error().message.find("renew") != std::string::npos);
}
