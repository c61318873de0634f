// QA sampling at the recorder on the real store: a drawn approval is stored with its sample in the
// decision's transaction, the always-sampled cases, rejections never sampled, the first-N rule
// counting stored approvals, a refused decision taking its sample along, and the supervisor's
// verdicts (SqliteQaRepository): confirm, flag with a reason and note, audited, figures.
#include "declarations/decision_recorder.h"
#include "decision_test_support.h"
#include "desk_store.h"
#include "store/sqlite_qa_repository.h"

#include <catch2/catch.hpp>

#include <deque>

using namespace bhxh;
using namespace bhxh::declarations;

namespace {

const auto kDecidedAt = std::chrono::system_clock::time_point(std::chrono::seconds(1795000000));

/// Always answers the same value: 0 is "sampled" at any share above 0, 9999 "not sampled" below 100 %.
class FixedSource final : public RandomSource {
public:
    explicit FixedSource(std::uint32_t value) : m_value(value) {}
    std::uint32_t uniform(std::uint32_t upperBound) override {
        ++calls;
        return m_value % upperBound;
    }
    int calls = 0;

private:
    std::uint32_t m_value;
};

DecisionRequest approvalOf(const std::string& dossierNo, const std::string& officer = "q6.nguyenvana") {
    auto r = test::approveRequest();
    r.declaration.dossierNo = dossierNo;
    r.officerId = officer;
    return r;
}

int sampleRows(test::DeskStore& s) { return static_cast<int>(*s.db.queryInt("SELECT count(*) FROM qa_samples")); }

} // namespace

TEST_CASE("a drawn approval is stored with its sample; an undrawn one and a rejection without", "[qa][decision_recorder]") {
    test::DeskStore s;
    FixedSource hit(0), miss(9999);
    QaConfig config{5, 0, 0};
    const QaSampler sampling(config, hit), skipping(config, miss);

    auto drawn = DecisionRecorder(s.decisions, [] { return kDecidedAt; }, {}, &sampling).record(approvalOf("07916-2026-000001"));
    REQUIRE(drawn.ok());
    CHECK(drawn->qaSample == "random");
    auto stored = s.decisions.findByDossier("07916-2026-000001");
    REQUIRE(stored->has_value());
    CHECK((*stored)->qaSample == "random");
    CHECK(*s.db.queryInt("SELECT sampled_at_ms FROM qa_samples") == 1795000000000LL);

    auto undrawn = DecisionRecorder(s.decisions, {}, {}, &skipping).record(approvalOf("07916-2026-000002"));
    REQUIRE(undrawn.ok());
    CHECK(undrawn->qaSample.empty());
    CHECK((*s.decisions.findByDossier("07916-2026-000002"))->qaSample.empty());

    auto reject = test::rejectRequest("id_mismatch");
    reject.declaration.dossierNo = "07916-2026-000003";
    auto rejected = DecisionRecorder(s.decisions, {}, {}, &sampling).record(reject);
    REQUIRE(rejected.ok());
    CHECK(rejected->qaSample.empty());
    CHECK(sampleRows(s) == 1);
    CHECK(hit.calls == 1);  // the rejection drew nothing
}

TEST_CASE("an acknowledged or four-eyes approval is always sampled, at any share", "[qa][decision_recorder]") {
    test::DeskStore s;
    FixedSource miss(9999);
    const QaSampler sampler(QaConfig{0, 0, 0}, miss);
    DecisionRecorder recorder(s.decisions, {}, {}, &sampler);

    auto acked = approvalOf("07916-2026-000011");
    for (auto& f : acked.facts.comparison->fields) {
        if (f.field == "address") f.verdict = FieldVerdict::Mismatch;
    }
    acked.acknowledgements = {{"field.address", "moved"}};
    auto a = recorder.record(acked);
    REQUIRE(a.ok());
    CHECK(a->qaSample == "acknowledged");

    auto fourEyes = approvalOf("07916-2026-000012");
    fourEyes.facts.portraitIdcard = FaceSignal::Different;
    fourEyes.secondOfficerId = "q6.tranthib";
    auto b = recorder.record(fourEyes);
    REQUIRE(b.ok());
    CHECK(b->qaSample == "second_officer");

    auto plain = recorder.record(approvalOf("07916-2026-000013"));
    REQUIRE(plain.ok());
    CHECK(plain->qaSample.empty());
    CHECK(sampleRows(s) == 2);
}

TEST_CASE("the first-N rule counts the officer's stored approvals", "[qa][decision_recorder]") {
    test::DeskStore s;
    // 30 % for the first 2 approvals, 0 % after: value 2000 of 10000 is inside 30 %, outside 0 %.
    FixedSource source(2000);
    const QaSampler sampler(QaConfig{0, 2, 30}, source);
    DecisionRecorder recorder(s.decisions, {}, {}, &sampler);
    std::vector<std::string> reasons;
    for (int i = 1; i <= 4; ++i) {
        char no[32];
        std::snprintf(no, sizeof no, "07916-2026-%06d", 100 + i);
        auto d = recorder.record(approvalOf(no));
        REQUIRE(d.ok());
        reasons.push_back(d->qaSample);
    }
    CHECK(reasons == std::vector<std::string>{"new_officer", "new_officer", "", ""});
    // Another officer starts again at the new-officer share.
    auto other = recorder.record(approvalOf("07916-2026-000200", "q6.lethic"));
    REQUIRE(other.ok());
    CHECK(other->qaSample == "new_officer");
    CHECK(*s.decisions.countApprovalsByOfficer("q6.nguyenvana") == 4);
}

TEST_CASE("a supervisor confirms or flags a sample; each verdict is audited and counted", "[qa][store]") {
    test::DeskStore s;
    FixedSource hit(0);
    const QaSampler sampler(QaConfig{100, 0, 0}, hit);
    DecisionRecorder recorder(s.decisions, [] { return kDecidedAt; }, {}, &sampler);
    REQUIRE(recorder.record(approvalOf("07916-2026-000301", "q6.a")).ok());
    REQUIRE(recorder.record(approvalOf("07916-2026-000302", "q6.a")).ok());
    REQUIRE(recorder.record(approvalOf("07916-2026-000303", "q6.b")).ok());
    store::SqliteQaRepository qa(s.db);

    auto open = qa.list(true, 50);
    REQUIRE(open.ok());
    REQUIRE(open->size() == 3);
    CHECK(open->front().decision.checks.faceScore.has_value());  // the evidence comes along
    CHECK_FALSE(open->front().decision.dossierNo.empty());
    auto idOf = [&](const std::string& dossier) {
        for (const auto& x : *open) if (x.decision.dossierNo == dossier) return x.id;
        FAIL("no sample of " << dossier);
        return std::int64_t{0};
    };
    const auto auditBefore = s.audit.read(1, 100)->size();
    const auto at = kDecidedAt + std::chrono::hours(2);

    SECTION("the approving officer cannot re-check their own approval") {
        auto own = qa.review({idOf("07916-2026-000301"), false, "", "", false, "q6.a", at}, {"qa_confirm", "q6.a", "x", "", at});
        REQUIRE_FALSE(own.ok());
        CHECK(own.error().code == "qa.own_decision");
        CHECK(s.audit.read(1, 100)->size() == auditBefore);
    }
    SECTION("a flag needs a listed reason, and a note has a limit") {
        auto none = qa.review({idOf("07916-2026-000301"), true, "", "", false, "q6.sup", at}, {"qa_flag", "q6.sup", "x", "", at});
        CHECK(none.error().code == "qa.reason_required");
        auto odd = qa.review({idOf("07916-2026-000301"), true, "bad_mood", "", false, "q6.sup", at}, {"qa_flag", "q6.sup", "x", "", at});
        CHECK(odd.error().code == "qa.reason_required");
        auto longNote = qa.review({idOf("07916-2026-000301"), true, "other", std::string(501, 'x'), false, "q6.sup", at},
                                  {"qa_flag", "q6.sup", "x", "", at});
        CHECK(longNote.error().code == "qa.note_too_long");
        CHECK(qa.list(true, 50)->size() == 3);
    }
    SECTION("confirm, flag with a follow-up, figures per officer; a second verdict is refused") {
        REQUIRE(qa.review({idOf("07916-2026-000301"), false, "", "", false, "q6.sup", at},
                          {"qa_confirm", "q6.sup", "07916-2026-000301", "confirmed", at}).ok());
        REQUIRE(qa.review({idOf("07916-2026-000303"), true, "face_doubt", "ảnh mờ", true, "q6.sup", at},
                          {"qa_flag", "q6.sup", "07916-2026-000303", "flag=face_doubt follow_up", at}).ok());
        auto again = qa.review({idOf("07916-2026-000303"), false, "", "", false, "q6.sup", at}, {"qa_confirm", "q6.sup", "x", "", at});
        REQUIRE_FALSE(again.ok());
        CHECK(again.error().code == "qa.already_reviewed");

        auto audit = s.audit.read(1, 100);
        REQUIRE(audit->size() == auditBefore + 2);
        CHECK(audit->back().event.kind == "qa_flag");
        CHECK(audit->back().event.subject == "07916-2026-000303");

        auto all = qa.list(false, 50);
        REQUIRE(all->size() == 3);
        CHECK(all->front().state == "open");  // open ones first
        for (const auto& x : *all) {
            if (x.decision.dossierNo != "07916-2026-000303") continue;
            CHECK(x.state == "flagged");
            CHECK(x.flagReason == "face_doubt");
            CHECK(x.note == "ảnh mờ");
            CHECK(x.followUp);
            CHECK(x.reviewerId == "q6.sup");
        }
        // The decision itself is untouched: still approved, its portal row still queued.
        CHECK(*s.db.queryInt("SELECT count(*) FROM decisions WHERE outcome = 'approved'") == 3);
        CHECK(*s.db.queryInt("SELECT count(*) FROM outbox WHERE state = 'queued'") == 3);

        auto f = qa.figures(kDecidedAt - std::chrono::hours(1), kDecidedAt + std::chrono::hours(1));
        REQUIRE(f.ok());
        CHECK(f->sampled == 3);
        CHECK(f->confirmed == 1);
        CHECK(f->flagged == 1);
        CHECK(f->open == 1);
        CHECK(f->followUps == 1);
        REQUIRE(f->officers.size() == 2);
        CHECK(f->officers[0].officerId == "q6.a");
        CHECK(f->officers[0].sampled == 2);
        CHECK(f->officers[0].confirmed == 1);
        CHECK(f->officers[1].flagged == 1);
        auto outside = qa.figures(kDecidedAt + std::chrono::hours(1), kDecidedAt + std::chrono::hours(2));
        CHECK(outside->sampled == 0);
    }
}

TEST_CASE("a decision the portal refuses takes its sample along", "[qa][store]") {
    test::DeskStore s;
    FixedSource hit(0);
    const QaSampler sampler(QaConfig{100, 0, 0}, hit);
    auto d = DecisionRecorder(s.decisions, {}, {}, &sampler).record(approvalOf("07916-2026-000401"));
    REQUIRE(d.ok());
    REQUIRE(sampleRows(s) == 1);
    auto claimed = s.outbox.claimNext(std::chrono::system_clock::now() + std::chrono::hours(1), notify::OutboxChannel::PortalDecision);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    PortalRefusal refusal{"portal.conflict", "held by another desk", d->idempotencyKey, std::chrono::system_clock::now()};
    REQUIRE(s.decisions.refuse(d->idempotencyKey, (*claimed)->id, refusal, {"decision_refused", "", "07916-2026-000401", "", refusal.at}).ok());
    CHECK(sampleRows(s) == 0);
}
