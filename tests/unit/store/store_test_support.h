#pragma once
// Shared by the store's tests: a temp folder per test, an opened store, and small builders.
#include "common/audit_log.h"
#include "declarations/decision.h"
#include "notify/outbox_item.h"
#include "store/store.h"

#include "temp_folder.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>

namespace bhxh::store::test {

/// A fresh folder under the system temp dir, removed with the object.
class TempDir : public bhxh::test::TempFolder {
public:
    TempDir() : TempFolder("bhxh-store-test-") {}
};

inline Store openStore(const std::filesystem::path& dir) {
    StoreOptions options;
    options.dbPath = dir / "desk.sqlite";
    auto store = Store::open(options);
    if (!store) FAIL(store.error().describe());
    return std::move(store).value();
}

inline Database connect(const Store& store) {
    auto db = store.connect();
    if (!db) FAIL(db.error().describe());
    return std::move(db).value();
}

inline declarations::Decision makeDecision(const std::string& dossier, const std::string& key) {
    declarations::Decision d;
    d.dossierNo = dossier;
    d.declarationVersion = 3;
    d.outcome = declarations::DecisionOutcome::Approved;
    d.officerId = "q6.nguyenvana";
    d.leaseId = "lease-1";
    d.decidedAt = std::chrono::system_clock::now();
    d.idempotencyKey = key;
    d.checks.faceScore = 0.71;
    d.checks.fieldsMatched = {"full_name", "id_number"};
    d.checks.cardScanned = "cccd";
    d.checks.walkIn = true;
    return d;
}

inline notify::OutboxItem portalItem(const std::string& dossier, const std::string& key) {
    notify::OutboxItem item;
    item.key = key;
    item.channel = notify::OutboxChannel::PortalDecision;
    item.dossierNo = dossier;
    item.payload = R"({"decision":"approved"})";
    return item;
}

/// A queued SMS carrying an initial password (the secret), as the decision flow queues it.
inline notify::OutboxItem smsItem(const std::string& key, int maxAttempts = 3) {
    notify::OutboxItem item;
    item.key = key;
    item.channel = notify::OutboxChannel::Sms;
    item.dossierNo = "07916-2026-000123";
    item.recipient = "0983847986";
    item.payload = R"({"template":"approved"})";
    item.secret = "Pw-4821-xyz";
    item.maxAttempts = maxAttempts;
    return item;
}

inline bhxh::AuditEvent decisionAudit(const std::string& dossier) {
    return bhxh::AuditEvent{"decision", "q6.nguyenvana", dossier, "approved", std::chrono::system_clock::now()};
}

inline std::int64_t count(Database& db, const std::string& table) {
    auto n = db.queryInt("SELECT count(*) FROM " + table);
    REQUIRE(n.ok());
    return *n;
}

} // namespace bhxh::store::test
