// PortalDecisionPusher with a scripted PortalClient (the unit boundary) and the REAL SQLite
// outbox: what each answer of the portal does to the row and which messages it queues.
#include "declarations/decision_recorder.h"
#include "declarations/portal_decision_pusher.h"
#include "declarations/portal_errors.h"
#include "decision_test_support.h"
#include "desk_store.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <deque>
#include <set>

using namespace bhxh;
using namespace bhxh::declarations;

namespace {

/// Answers decide() from a script, one entry per call; records what it was sent.
class ScriptedPortal final : public PortalClient {
public:
    std::deque<Result<DecisionAnswer>> answers;
    std::vector<std::string> keys;
    std::vector<std::string> bodies;

    Result<DeclarationPage> listDeclarations(const std::string&, const std::optional<std::string>&, int) override {
        return Error{"x", "unused"};
    }
    Result<Declaration> getDeclaration(const std::string&) override { return Error{"x", "unused"}; }
    Result<PortalFile> downloadFile(const std::string&, const std::string&) override { return Error{"x", "unused"}; }
    Result<std::vector<Declaration>> lookup(const std::string&) override { return Error{"x", "unused"}; }
    Result<ContactCheck> contactCheck(const std::string&, const std::string&, const std::string&) override {
        return Error{"x", "unused"};
    }
    Result<ClaimLease> claim(const std::string&, const std::string&, int) override { return Error{"x", "unused"}; }
    Result<void> release(const std::string&, const std::string&) override { return {}; }
    Result<DecisionAnswer> decide(const std::string&, const std::string& key, const std::string& body) override {
        keys.push_back(key);
        bodies.push_back(body);
        REQUIRE_FALSE(answers.empty());
        auto next = answers.front();
        answers.pop_front();
        return next;
    }
};

constexpr const char* kPassword = "Xy7@kq2Pm9#w";

DecisionAnswer approvedWithAccount() {
    return DecisionAnswer{DecisionOutcome::Approved, PortalAccount{"0113098765", kPassword, "2026-11-29T09:00:00+07:00"}};
}

struct PusherFixture {
    test::DeskStore s;
    ScriptedPortal portal;
    // An hour ahead of the real clock the recorder stamps decisions with, so a new decision is
    // always due; tests move it on past a backoff.
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now() + std::chrono::hours(1);
    PortalDecisionPusher pusher{s.outbox, s.decisions, portal, [this] { return now; }};

    Decision record(const DecisionRequest& request) {
        DecisionRecorder recorder(s.decisions);
        auto d = recorder.record(request);
        REQUIRE(d.ok());
        return d.value();
    }
    notify::OutboxItem row(const std::string& key) {
        auto r = s.outbox.findByKey(key);
        REQUIRE(r.ok());
        REQUIRE(r->has_value());
        return **r;
    }
    std::map<std::string, notify::OutboxItem> followUps(const std::string& key) {
        std::map<std::string, notify::OutboxItem> out;
        auto all = s.outbox.list(std::nullopt, 100);
        REQUIRE(all.ok());
        for (auto& r : *all) {
            if (r.key != key) out[r.key.substr(key.size())] = r;
        }
        return out;
    }
};

} // namespace

TEST_CASE("an approved registration queues SMS and e-mail with the password only as secret", "[pusher]") {
    PusherFixture f;
    const auto d = f.record(test::approveRequest());
    f.portal.answers.push_back(approvedWithAccount());
    auto stats = f.pusher.pushDue();
    REQUIRE(stats.ok());
    CHECK(stats->sent == 1);
    REQUIRE(f.portal.keys.size() == 1);
    CHECK(f.portal.keys[0] == d.idempotencyKey);
    const auto body = nlohmann::json::parse(f.portal.bodies[0]);
    CHECK(body["decision"] == "approved");
    CHECK(body["lease_id"] == "lease-1");
    CHECK_FALSE(body.contains("notify"));

    const auto portalRow = f.row(d.idempotencyKey);
    CHECK(portalRow.state == notify::OutboxState::Sent);
    CHECK(portalRow.result.find(kPassword) == std::string::npos);
    CHECK(portalRow.payload.find(kPassword) == std::string::npos);

    auto rows = f.followUps(d.idempotencyKey);
    REQUIRE(rows.size() == 2);
    REQUIRE(rows.count(":sms") == 1);
    REQUIRE(rows.count(":email") == 1);
    CHECK(rows[":sms"].recipient == "0983847986");
    CHECK(rows[":email"].recipient == "biennt@example.vn");
    for (auto& [suffix, r] : rows) {
        INFO(suffix);
        CHECK(r.state == notify::OutboxState::Queued);
        CHECK(r.secret == kPassword);
        CHECK(r.payload.find(kPassword) == std::string::npos);
        CHECK(nlohmann::json::parse(r.payload)["kind"] == "approval");
        CHECK(nlohmann::json::parse(r.payload)["vars"]["username"] == "0113098765");
    }
}

TEST_CASE("without an e-mail address only the SMS is queued", "[pusher]") {
    PusherFixture f;
    auto request = test::approveRequest();
    request.declaration.email.reset();
    const auto d = f.record(request);
    f.portal.answers.push_back(approvedWithAccount());
    REQUIRE(f.pusher.pushDue().ok());
    auto rows = f.followUps(d.idempotencyKey);
    REQUIRE(rows.size() == 1);
    CHECK(rows.count(":sms") == 1);
}

TEST_CASE("a rejection queues the rejection notice with its reason", "[pusher]") {
    PusherFixture f;
    const auto d = f.record(test::rejectRequest("name_no_diacritics"));
    f.portal.answers.push_back(DecisionAnswer{DecisionOutcome::Rejected, std::nullopt});
    REQUIRE(f.pusher.pushDue()->sent == 1);
    const auto body = nlohmann::json::parse(f.portal.bodies[0]);
    CHECK(body["reason_code"] == "name_no_diacritics");
    CHECK(body["reason_text"] == "Họ tên phải viết đầy đủ, có dấu");
    auto rows = f.followUps(d.idempotencyKey);
    REQUIRE(rows.size() == 2);
    for (auto& [suffix, r] : rows) {
        const auto p = nlohmann::json::parse(r.payload);
        CHECK(p["kind"] == "rejection");
        CHECK(p["vars"]["reason_code"] == "name_no_diacritics");
        CHECK(r.secret.empty());
    }
}

TEST_CASE("an approved adjustment is confirmed to the old and the new phone and e-mail", "[pusher]") {
    PusherFixture f;
    const auto d = f.record(test::approveRequest(bhxh::declarations::DeclarationRequest::Adjust));
    f.portal.answers.push_back(DecisionAnswer{DecisionOutcome::Approved, std::nullopt});
    REQUIRE(f.pusher.pushDue()->sent == 1);
    auto rows = f.followUps(d.idempotencyKey);
    REQUIRE(rows.size() == 4);
    CHECK(rows[":sms:old"].recipient == "0983847986");
    CHECK(rows[":sms:new"].recipient == "0912345678");
    CHECK(rows[":email:old"].recipient == "biennt@example.vn");
    CHECK(rows[":email:new"].recipient == "bien.moi@example.vn");
    const auto p = nlohmann::json::parse(rows[":sms:new"].payload);
    CHECK(p["kind"] == "adjustment");
    CHECK(p["vars"]["changed_field"] == "phone");
    CHECK(p["vars"]["new_value"] == "0912345678");
}

TEST_CASE("an approved stop is confirmed with its date", "[pusher]") {
    PusherFixture f;
    const auto d = f.record(test::approveRequest(bhxh::declarations::DeclarationRequest::Stop));
    f.portal.answers.push_back(DecisionAnswer{DecisionOutcome::Approved, std::nullopt});
    REQUIRE(f.pusher.pushDue()->sent == 1);
    auto rows = f.followUps(d.idempotencyKey);
    REQUIRE(rows.size() == 2);
    const auto p = nlohmann::json::parse(rows[":sms"].payload);
    CHECK(p["kind"] == "stop");
    CHECK(p["vars"]["from_date"] == "2026-12-01");
}

TEST_CASE("transient portal errors put the row back and the next push with the same key succeeds", "[pusher]") {
    PusherFixture f;
    const auto d = f.record(test::approveRequest());
    const char* code = GENERATE(portal_error::kNetwork, portal_error::kTimeout, portal_error::kServer,
                                portal_error::kRequestTimeout, portal_error::kRateLimited);
    INFO(code);
    f.portal.answers.push_back(Error{code, "decision on 07916-2026-000123: failed"});
    auto first = f.pusher.pushDue();
    REQUIRE(first.ok());
    CHECK(first->retried == 1);
    CHECK(first->sent == 0);
    auto queued = f.row(d.idempotencyKey);
    CHECK(queued.state == notify::OutboxState::Queued);
    CHECK(queued.lastError.find(code) != std::string::npos);
    CHECK(f.followUps(d.idempotencyKey).empty());

    f.now += std::chrono::hours(1);  // past the backoff
    f.portal.answers.push_back(approvedWithAccount());
    auto second = f.pusher.pushDue();
    REQUIRE(second.ok());
    CHECK(second->sent == 1);
    REQUIRE(f.portal.keys.size() == 2);
    CHECK(f.portal.keys[0] == f.portal.keys[1]);
    CHECK(f.row(d.idempotencyKey).state == notify::OutboxState::Sent);
    CHECK(f.followUps(d.idempotencyKey).size() == 2);
}

TEST_CASE("final portal answers fail the row with a message naming the portal's code", "[pusher]") {
    PusherFixture f;
    struct Case {
        const char* code;
        const char* message;
    };
    const auto c = GENERATE(
        Case{portal_error::kExpired, "decision on 07916-2026-000123: HTTP 410 (the declaration has expired and was "
                                     "removed by the portal) expired: declaration 07916-2026-000123 has expired"},
        Case{portal_error::kConflict, "decision on 07916-2026-000123: HTTP 409 lease_conflict: declaration "
                                      "07916-2026-000123 is claimed by 07916-D02"},
        Case{portal_error::kInvalid, "decision on 07916-2026-000123: HTTP 422 unknown_reason_code: reason_code: "
                                     "unknown code 'x'"});
    INFO(c.code);
    auto request = test::approveRequest();
    request.leaseId.clear();
    const auto d = f.record(request);
    f.portal.answers.push_back(Error{c.code, c.message});
    auto stats = f.pusher.pushDue();
    REQUIRE(stats.ok());
    CHECK(stats->failed == 1);
    const auto failed = f.row(d.idempotencyKey);
    CHECK(failed.state == notify::OutboxState::Failed);
    CHECK(failed.lastError.find(c.code) != std::string::npos);
    CHECK(failed.lastError.find(c.message) != std::string::npos);
    CHECK(failed.lastError.find("not retried") != std::string::npos);
    if (std::string(c.code) == portal_error::kConflict) {
        CHECK(failed.lastError.find("without a lease") != std::string::npos);
    }
    CHECK(f.followUps(d.idempotencyKey).empty());
    // The refused decision no longer stands: the dossier is open for a decision again, the
    // refusal is kept for the desk's banner, and the audit has both entries.
    CHECK_FALSE(f.s.decisions.findByDossier(d.dossierNo)->has_value());
    auto refusal = f.s.decisions.lastRefusal(d.dossierNo);
    REQUIRE(refusal.ok());
    REQUIRE(refusal->has_value());
    CHECK((*refusal)->code == c.code);
    CHECK((*refusal)->idempotencyKey == d.idempotencyKey);
    auto audit = f.s.audit.read(1, 10);
    REQUIRE(audit->size() == 2);
    CHECK(audit->at(0).event.kind == "decision");
    CHECK(audit->at(1).event.kind == "decision_refused");
    CHECK(audit->at(1).event.subject == d.dossierNo);
    // Nothing is due any more: a failed row waits for a supervisor.
    f.now += std::chrono::hours(1);
    CHECK(f.pusher.pushDue()->attempts() == 0);
    // A new decision on the same dossier can be taken (and is pushed under a new key).
    const auto again = f.record(test::rejectRequest("photo_mismatch"));
    CHECK(again.idempotencyKey != d.idempotencyKey);
}

TEST_CASE("a failure that is not the portal's answer fails the row but the decision stands", "[pusher]") {
    PusherFixture f;
    const char* code = GENERATE(portal_error::kUnauthorized, portal_error::kForbidden, portal_error::kBadResponse,
                                portal_error::kConfig);
    INFO(code);
    const auto d = f.record(test::approveRequest());
    f.portal.answers.push_back(Error{code, "decision on 07916-2026-000123: something went wrong"});
    auto stats = f.pusher.pushDue();
    REQUIRE(stats.ok());
    CHECK(stats->failed == 1);
    CHECK(f.row(d.idempotencyKey).state == notify::OutboxState::Failed);
    // Not refused: the portal may even have decided (a 200 the desk could not read).
    CHECK(f.s.decisions.findByDossier(d.dossierNo)->has_value());
    CHECK_FALSE(f.s.decisions.lastRefusal(d.dossierNo)->has_value());
}

TEST_CASE("an approval of a registration without an account is not silently sent", "[pusher]") {
    PusherFixture f;
    const auto d = f.record(test::approveRequest());
    f.portal.answers.push_back(DecisionAnswer{DecisionOutcome::Approved, std::nullopt});
    REQUIRE(f.pusher.pushDue()->failed == 1);
    const auto row = f.row(d.idempotencyKey);
    CHECK(row.state == notify::OutboxState::Failed);
    CHECK(row.lastError.find("sent no account") != std::string::npos);
}

TEST_CASE("the holder of a lease is read back from a 409 claim answer", "[portal_errors]") {
    const auto e = portalHttpError(
        409, "claim 07916-2026-000123",
        R"({"error":{"code":"lease_conflict","message":"being worked at another desk"},"held_by":"07916-D02","expires_at":"2026-11-22T08:30:00+07:00"})");
    CHECK(e.code == portal_error::kConflict);
    auto holder = leaseHolderOf(e);
    REQUIRE(holder);
    CHECK(holder->deskId == "07916-D02");
    CHECK(holder->until == "2026-11-22T08:30:00+07:00");
    CHECK_FALSE(leaseHolderOf(portalHttpError(409, "decision", R"({"error":{"code":"already_decided"}})")));
}
