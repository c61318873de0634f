// DeskDecisionFlow, the decision part of the desk, on a real store: an approval the checks refuse
// is never recorded; a decision is recorded, pushed at once by its key and followed until the
// portal takes it; a refusal by the portal opens the dossier again; a dossier decided earlier
// shows as decided; the second officer's confirmation goes with the decision.
#include "app/desk_decision_flow.h"
#include "declarations/decision_recorder.h"
#include "sample_declaration.h"

#include "controller_harness.h"

#include <catch2/catch.hpp>

#include <mutex>

using namespace bhxh;

namespace {

const std::string kDossier = "07916-2026-000321";

struct FlowFixture {
    test::ControllerHarness h{"bhxh-desk-decision-"};
    app::DeskState state;
    declarations::DecisionPolicy policy;
    app::DeskDecisionFlow flow{h.queue, *h.storeWorker, h.cpu, state, policy};
    std::mutex mutex;
    std::vector<std::string> pushed;
    int reopened = 0;

    FlowFixture() : policy(config()) {
        auto d = test::pendingDeclaration(kDossier);
        d.expiresAt = "2099-11-30T09:12:00+07:00";
        h.storeDeclaration(d);
        state.view.declaration = d;
        flow.setRecorder([this](app::StoreContext& ctx, const declarations::DecisionRequest& r) {
            return declarations::DecisionRecorder(ctx.decisions, {}, policy).record(r);
        });
        flow.setPush([this](const std::string& key) {
            std::lock_guard lock(mutex);
            pushed.push_back(key);
        });
        flow.setReopened([this] { ++reopened; });
    }
    ~FlowFixture() { h.stopWorkers(); }

    static declarations::PolicyConfig config() {
        declarations::PolicyConfig c;
        c.newOfficerDecisions = 0;  // no first-decisions rule here
        c.fourEyes = true;
        return c;
    }
    declarations::DecisionRequest request(declarations::DecisionFacts facts, const std::string& reason = {}) {
        declarations::DecisionRequest r;
        r.declaration = *state.view.declaration;
        r.outcome = reason.empty() ? declarations::DecisionOutcome::Approved : declarations::DecisionOutcome::Rejected;
        r.reasonCode = reason;
        r.officerId = "q6.clerk";
        r.facts = std::move(facts);
        return r;
    }
    std::int64_t decisions() { return h.count("SELECT count(*) FROM decisions"); }
    std::string decisionKey() {
        std::string key;
        h.storeWorker->post([&key](app::StoreContext& ctx) {
            auto d = ctx.decisions.findByDossier(kDossier);
            if (d && *d) key = (*d)->idempotencyKey;
        });
        REQUIRE(h.settle());
        return key;
    }
    /// The portal lane's part: the decision's row taken, then delivered or refused.
    void portalAnswers(bool accept) {
        const std::string key = decisionKey();
        h.storeWorker->post([key, accept](app::StoreContext& ctx) {
            auto row = ctx.outbox.claimKey(key, notify::OutboxChannel::PortalDecision, std::chrono::system_clock::now());
            REQUIRE(row);
            REQUIRE(*row);
            if (accept) {
                REQUIRE(ctx.outbox.markSent((*row)->id, "{}", {}).ok());
            } else {
                declarations::PortalRefusal refusal{"portal.conflict", "held by another desk", key,
                                                    std::chrono::system_clock::now()};
                REQUIRE(ctx.decisions.refuse(key, (*row)->id, refusal, {"decision_refused", "", kDossier, "", {}}).ok());
            }
        });
        REQUIRE(h.settle());
    }
    /// The UI loop's part: poll every frame until `done`.
    bool pollUntil(const std::function<bool()>& done) {
        return h.pumpUntil([&] {
            flow.poll();
            return done();
        });
    }
};

declarations::DecisionFacts idMismatch() {
    auto facts = test::clearFacts();
    for (auto& field : facts.comparison->fields) {
        if (field.field == "id_number") field.verdict = declarations::FieldVerdict::Mismatch;
    }
    return facts;
}

} // namespace

TEST_CASE("an approval the checks refuse is not recorded and says why", "[app][desk_decision_flow]") {
    FlowFixture f;
    const auto facts = idMismatch();
    const auto verdict = f.policy.approval(f.policy.evaluate(facts), facts, {}, false);
    REQUIRE(verdict.state == declarations::ApprovalVerdict::State::Blocked);  // the premise
    f.flow.submit(f.request(facts), "", "");
    REQUIRE(f.h.settle());
    CHECK(f.state.view.messageKey == "decision.blocked");
    CHECK(f.state.view.messageIsError);
    CHECK_FALSE(f.state.view.deciding);
    CHECK_FALSE(f.state.view.decided);
    CHECK(f.decisions() == 0);
    CHECK(f.pushed.empty());
}

TEST_CASE("a decision is recorded pushed by its key and followed until the portal takes it", "[app][desk_decision_flow]") {
    FlowFixture f;
    f.flow.submit(f.request(idMismatch(), "id_mismatch"), "", "");  // a rejection needs no clear checks
    CHECK(f.state.view.deciding);
    REQUIRE(f.h.pumpUntil([&] { return f.state.view.decided; }));
    CHECK(f.decisions() == 1);
    CHECK(f.state.view.decidedOutcome == declarations::DecisionOutcome::Rejected);
    CHECK(f.state.view.declaration->status == declarations::DeclarationStatus::Rejected);
    CHECK(f.state.view.portalState == "waiting");
    CHECK(f.state.view.messageKey == "decision.recorded.rejected");
    {
        std::lock_guard lock(f.mutex);
        REQUIRE(f.pushed.size() == 1);
        CHECK(f.pushed.front() == f.decisionKey());
    }
    f.portalAnswers(true);
    REQUIRE(f.pollUntil([&] { return f.state.view.portalState == "accepted"; }));
    CHECK(f.state.view.decided);
    CHECK(f.reopened == 0);
}

TEST_CASE("a decision the portal refuses opens the dossier again", "[app][desk_decision_flow]") {
    FlowFixture f;
    f.flow.submit(f.request(test::clearFacts()), "", "");
    REQUIRE(f.h.pumpUntil([&] { return f.state.view.decided; }));
    CHECK(f.state.view.decidedOutcome == declarations::DecisionOutcome::Approved);
    f.portalAnswers(false);
    REQUIRE(f.pollUntil([&] { return !f.state.view.decided; }));
    CHECK(f.state.view.refusalKey == "desk.refused.conflict");
    CHECK(f.state.view.messageKey == "desk.refused.conflict");
    CHECK(f.state.view.messageIsError);
    CHECK(f.state.view.portalState.empty());
    CHECK(f.state.view.declaration->status == declarations::DeclarationStatus::Pending);
    CHECK(f.reopened == 1);
}

TEST_CASE("a dossier decided earlier shows as decided and a refused one says so", "[app][desk_decision_flow]") {
    FlowFixture f;
    SECTION("decided") {
        declarations::Decision earlier;
        earlier.dossierNo = kDossier;
        earlier.outcome = declarations::DecisionOutcome::Approved;
        earlier.idempotencyKey = "k-1";
        f.flow.restore(earlier, std::nullopt);
        CHECK(f.state.view.decided);
        CHECK(f.state.view.decidedOutcome == declarations::DecisionOutcome::Approved);
        CHECK(f.state.view.declaration->status == declarations::DeclarationStatus::Approved);
    }
    SECTION("refused") {
        f.flow.restore(std::nullopt, std::string("portal.expired"));
        CHECK_FALSE(f.state.view.decided);
        CHECK(f.state.view.refusalKey == "desk.refused.expired");
    }
    REQUIRE(f.h.settle());
}

TEST_CASE("an approval that needs a second officer records who confirmed it", "[app][desk_decision_flow]") {
    FlowFixture f;
    auto facts = test::clearFacts();
    facts.portraitIdcard = declarations::FaceSignal::Different;  // the policy asks for a second officer
    REQUIRE(f.policy.approval(f.policy.evaluate(facts), facts, {}, false).state ==
            declarations::ApprovalVerdict::State::NeedsSecondOfficer);
    std::string passwordSeen;
    f.flow.setConfirm([&passwordSeen](const std::string& officer, const std::string& password) -> Result<std::string> {
        passwordSeen = password;
        return officer;
    });
    SECTION("without one the approval waits") {
        f.flow.submit(f.request(facts), "", "");
        REQUIRE(f.h.settle());
        CHECK(f.state.view.messageKey == "decision.needs_second_officer");
        CHECK(f.decisions() == 0);
    }
    SECTION("with one it is recorded under both names") {
        f.flow.submit(f.request(facts), "q6.supervisor", "correct horse");
        REQUIRE(f.h.pumpUntil([&] { return f.state.view.decided; }));
        CHECK(passwordSeen == "correct horse");
        std::string recorded;
        f.h.storeWorker->post([&recorded](app::StoreContext& ctx) {
            auto d = ctx.decisions.findByDossier(kDossier);
            if (d && *d) recorded = (*d)->checks.secondOfficerId;
        });
        REQUIRE(f.h.settle());
        CHECK(recorded == "q6.supervisor");
    }
}
