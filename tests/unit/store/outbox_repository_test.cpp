#include "store_test_support.h"

#include "notify/backoff_policy.h"
#include "store/audit_chain.h"
#include "store/sqlite_outbox_repository.h"

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;
using notify::OutboxChannel;
using notify::OutboxItem;
using notify::OutboxState;
using namespace std::chrono_literals;

TEST_CASE("outbox: claim, deliver, mark sent erases the secret and queues the follow-ups", "[store][outbox]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteOutboxRepository outbox(db);
    const auto now = std::chrono::system_clock::now();

    REQUIRE(outbox.enqueue(portalItem("07916-2026-000123", "k-1")).ok());
    auto claimed = outbox.claimNext(now + 1s, std::nullopt);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    CHECK((*claimed)->state == OutboxState::Sending);
    CHECK((*claimed)->attempts == 1);
    // Nothing else is due while the only row is being sent.
    CHECK_FALSE(outbox.claimNext(now + 1s, std::nullopt)->has_value());

    REQUIRE(outbox.markSent((*claimed)->id, "approved", {smsItem("k-1:sms")}).ok());
    auto sent = outbox.findByKey("k-1");
    REQUIRE(sent->has_value());
    CHECK((*sent)->state == OutboxState::Sent);
    CHECK((*sent)->result == "approved");

    auto sms = outbox.claimNext(now + 1s, OutboxChannel::Sms);
    REQUIRE(sms->has_value());
    CHECK((*sms)->secret == "Pw-4821-xyz");
    REQUIRE(outbox.markSent((*sms)->id, "msg-77", {}).ok());
    CHECK(outbox.find((*sms)->id).value()->secret.empty());
    CHECK(*db.queryInt("SELECT count(*) FROM outbox WHERE secret IS NOT NULL") == 0);
    // Marking twice is refused: the row is no longer being sent.
    CHECK(outbox.markSent((*sms)->id, "again", {}).error().code == "store.outbox_state");
}

TEST_CASE("outbox: the same key is never queued twice", "[store][outbox]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteOutboxRepository outbox(db);
    REQUIRE(outbox.enqueue(smsItem("dup")).ok());
    auto again = outbox.enqueue(smsItem("dup"));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "store.outbox_duplicate");
    CHECK(count(db, "outbox") == 1);
}

TEST_CASE("outbox: retries back off with jitter and end in failed after the last attempt", "[store][outbox]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    notify::BackoffPolicy policy{std::chrono::milliseconds(1000), std::chrono::milliseconds(60000), 0.25};
    SqliteOutboxRepository outbox(db, policy);
    REQUIRE(outbox.enqueue(smsItem("r-1", 3)).ok());
    auto t = std::chrono::system_clock::now();

    for (int attempt = 1; attempt <= 2; ++attempt) {
        auto claimed = outbox.claimNext(t, std::nullopt);
        REQUIRE(claimed->has_value());
        CHECK((*claimed)->attempts == attempt);
        auto state = outbox.markRetry((*claimed)->id, "HTTP 503", t);
        REQUIRE(state.ok());
        CHECK(*state == OutboxState::Queued);
        auto row = outbox.find((*claimed)->id).value().value();
        const auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(row.nextAttemptAt - t).count();
        const double expected = 1000.0 * (1 << (attempt - 1));
        CHECK(delay >= static_cast<long long>(expected * 0.75) - 1);
        CHECK(delay <= static_cast<long long>(expected * 1.25) + 1);
        CHECK(row.lastError == "HTTP 503");
        // Not due before its time.
        CHECK_FALSE(outbox.claimNext(t, std::nullopt)->has_value());
        t = row.nextAttemptAt;
    }
    auto last = outbox.claimNext(t, std::nullopt);
    REQUIRE(last->has_value());
    auto state = outbox.markRetry((*last)->id, "HTTP 503", t);
    REQUIRE(state.ok());
    CHECK(*state == OutboxState::Failed);
    auto row = outbox.find((*last)->id).value().value();
    CHECK(row.state == OutboxState::Failed);
    CHECK(row.secret.empty());
    CHECK(row.lastError.find("after 3 attempts") != std::string::npos);
}

TEST_CASE("backoff: doubles from the base, is capped, and jitter stays within its fraction", "[store][outbox]") {
    notify::BackoffPolicy p{std::chrono::milliseconds(2000), std::chrono::milliseconds(10000), 0.5};
    CHECK(p.delayAfter(1, 0.5).count() == 2000);
    CHECK(p.delayAfter(2, 0.5).count() == 4000);
    CHECK(p.delayAfter(5, 0.5).count() == 10000);
    CHECK(p.delayAfter(1, 0.0).count() == 1000);
    CHECK(p.delayAfter(1, 0.999999).count() >= 2999);
}

TEST_CASE("outbox: a row claimed by a dead process goes back to queued at start", "[store][outbox]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteOutboxRepository outbox(db);
    REQUIRE(outbox.enqueue(smsItem("dead-1")).ok());
    REQUIRE(outbox.enqueue(smsItem("mine-1")).ok());
    const auto now = std::chrono::system_clock::now();
    // One row claimed by a process that no longer exists, one by this (live) process.
    REQUIRE(db.exec("UPDATE outbox SET state = 'sending', attempts = 1, claimed_by = '999999999:12345' "
                    "WHERE key = 'dead-1'").ok());
    auto mine = outbox.claimNext(now, std::nullopt);
    REQUIRE(mine->has_value());
    CHECK((*mine)->key == "mine-1");

    auto requeued = outbox.requeueAbandoned(now);
    REQUIRE(requeued.ok());
    CHECK(*requeued == 1);
    auto dead = outbox.findByKey("dead-1").value().value();
    CHECK(dead.state == OutboxState::Queued);
    CHECK(dead.attempts == 0);
    CHECK(outbox.findByKey("mine-1").value().value().state == OutboxState::Sending);
}

TEST_CASE("outbox: a supervisor retries a failed row and cancels another, both audited", "[store][outbox]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteOutboxRepository outbox(db);
    const auto now = std::chrono::system_clock::now() + 1s;  // everything enqueued below is due
    REQUIRE(outbox.enqueue(smsItem("f-1", 1)).ok());
    REQUIRE(outbox.enqueue(smsItem("u-1", 1)).ok());
    auto first = outbox.claimNext(now, std::nullopt).value().value();
    REQUIRE(outbox.markFailed(first.id, "HTTP 400 bad phone").ok());
    auto second = outbox.claimNext(now, std::nullopt).value().value();
    REQUIRE(outbox.markUnknown(second.id, "timeout, provider has no idempotency").ok());
    CHECK(outbox.find(second.id).value()->secret == "Pw-4821-xyz");  // kept for the supervisor's choice

    AuditEvent retry{"outbox_retry", "q6.truongca", "f-1", "", now};
    REQUIRE(outbox.retry(first.id, retry).ok());
    auto retried = outbox.find(first.id).value().value();
    CHECK(retried.state == OutboxState::Queued);
    CHECK(retried.attempts == 0);
    AuditEvent cancel{"outbox_cancel", "q6.truongca", "u-1", "", now};
    REQUIRE(outbox.cancel(second.id, cancel).ok());
    auto cancelled = outbox.find(second.id).value().value();
    CHECK(cancelled.state == OutboxState::Cancelled);
    CHECK(cancelled.secret.empty());
    CHECK(count(db, "audit_log") == 2);
    CHECK(AuditChain::verify(db)->intact());

    // A sent row can be neither retried nor cancelled; nothing is audited for a refusal.
    auto again = outbox.claimNext(std::chrono::system_clock::now() + 1s, std::nullopt).value().value();
    REQUIRE(outbox.markSent(again.id, "ok", {}).ok());
    CHECK(outbox.cancel(again.id, cancel).error().code == "store.outbox_state");
    CHECK(outbox.retry(again.id, retry).error().code == "store.outbox_state");
    CHECK(count(db, "audit_log") == 2);
    CHECK(outbox.list(OutboxState::Cancelled, 10)->size() == 1);
    CHECK(outbox.list(std::nullopt, 10)->size() == 2);
}
