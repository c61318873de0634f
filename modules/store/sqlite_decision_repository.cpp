#include "store/sqlite_decision_repository.h"

#include "common/bounded_json.h"

#include "store/audit_chain.h"
#include "store/enum_column.h"
#include "store/sqlite_outbox_repository.h"
#include "store/time_codec.h"
#include "store/transaction.h"

#include <nlohmann/json.hpp>

namespace bhxh::store {

using declarations::Decision;
using declarations::DecisionOutcome;

namespace {

constexpr const char* kColumns =
    "id, dossier_no, declaration_version, outcome, reason_code, reason_text, officer_id, lease_id, decided_at_ms, "
    "idempotency_key, checks_json, "
    "COALESCE((SELECT q.reason FROM qa_samples q WHERE q.idempotency_key = decisions.idempotency_key), '')";

std::string checksJson(const declarations::DecisionChecks& c) {
    nlohmann::json j{{"face_model", c.faceModel}, {"fields_matched", c.fieldsMatched},
                     {"card_scanned", c.cardScanned}, {"walk_in", c.walkIn}};
    j["face_score"] = c.faceScore ? nlohmann::json(*c.faceScore) : nlohmann::json(nullptr);
    if (!c.acknowledgements.empty()) {
        auto& acks = j["acknowledgements"] = nlohmann::json::array();
        for (const auto& a : c.acknowledgements) acks.push_back({{"item", a.item}, {"reason", a.reason}});
    }
    if (!c.findings.empty()) j["findings"] = c.findings;
    if (!c.secondOfficerId.empty()) j["second_officer_id"] = c.secondOfficerId;
    if (!c.faceEvidenceJson.empty()) {
        auto evidence = bhxh::json::parseBounded(c.faceEvidenceJson, {}, "face evidence");
        // Stored as an object when it parses, else as the text it was, never dropped.
        j["face_evidence"] = evidence ? *evidence : nlohmann::json(c.faceEvidenceJson);
    }
    if (!c.chipVerdict.empty()) {
        nlohmann::json chip{{"verdict", c.chipVerdict}, {"ds_fingerprint", c.chipDsFingerprint}};
        if (!c.chipReason.empty()) chip["reason"] = c.chipReason;
        if (!c.chipFaceEvidenceJson.empty()) {
            auto evidence = bhxh::json::parseBounded(c.chipFaceEvidenceJson, {}, "chip face evidence");
            chip["face_evidence"] = evidence ? *evidence : nlohmann::json(c.chipFaceEvidenceJson);
        }
        j["chip"] = std::move(chip);
    }
    return j.dump();
}

declarations::DecisionChecks parseChecks(const std::string& text) {
    declarations::DecisionChecks c;
    auto read = bhxh::json::parseBounded(text, {}, "decision checks");
    if (!read || !read->is_object()) return c;
    const nlohmann::json& j = *read;
    if (j.contains("face_score") && j["face_score"].is_number()) c.faceScore = j["face_score"].get<double>();
    c.faceModel = j.value("face_model", "");
    if (j.contains("fields_matched") && j["fields_matched"].is_array()) {
        for (const auto& f : j["fields_matched"]) if (f.is_string()) c.fieldsMatched.push_back(f.get<std::string>());
    }
    c.cardScanned = j.value("card_scanned", "");
    c.walkIn = j.value("walk_in", false);
    if (j.contains("acknowledgements") && j["acknowledgements"].is_array()) {
        for (const auto& a : j["acknowledgements"]) {
            if (a.is_object()) c.acknowledgements.push_back({a.value("item", ""), a.value("reason", "")});
        }
    }
    if (j.contains("findings") && j["findings"].is_array()) {
        for (const auto& f : j["findings"]) if (f.is_string()) c.findings.push_back(f.get<std::string>());
    }
    c.secondOfficerId = j.value("second_officer_id", "");
    if (j.contains("face_evidence")) {
        const auto& e = j["face_evidence"];
        c.faceEvidenceJson = e.is_string() ? e.get<std::string>() : e.dump();
    }
    if (j.contains("chip") && j["chip"].is_object()) {
        const auto& chip = j["chip"];
        c.chipVerdict = chip.value("verdict", "");
        c.chipReason = chip.value("reason", "");
        c.chipDsFingerprint = chip.value("ds_fingerprint", "");
        if (chip.contains("face_evidence")) {
            const auto& e = chip["face_evidence"];
            c.chipFaceEvidenceJson = e.is_string() ? e.get<std::string>() : e.dump();
        }
    }
    return c;
}

Result<Decision> readDecision(const Statement& s) {
    Decision d;
    auto outcome = enumColumn(s.getText(3), declarations::parseDecisionOutcome, "decisions.outcome");
    if (!outcome) return outcome.error();
    d.id = s.getInt(0);
    d.dossierNo = s.getText(1);
    d.declarationVersion = s.getInt(2);
    d.outcome = *outcome;
    d.reasonCode = s.getText(4);
    d.reasonText = s.getText(5);
    d.officerId = s.getText(6);
    d.leaseId = s.getText(7);
    d.decidedAt = fromMs(s.getInt(8));
    d.idempotencyKey = s.getText(9);
    d.checks = parseChecks(s.getText(10));
    d.qaSample = s.getText(11);
    return d;
}

Result<void> validate(const Decision& d, const std::vector<notify::OutboxItem>& outgoing) {
    const std::string who = "decision on " + d.dossierNo;
    if (d.dossierNo.empty()) return makeError("store.decision_invalid", "decision: dossier_no is empty");
    if (d.idempotencyKey.empty()) return makeError("store.decision_invalid", who + ": idempotency key is empty");
    if (d.officerId.empty()) return makeError("store.decision_invalid", who + ": officer_id is empty");
    if (d.outcome == DecisionOutcome::Rejected && d.reasonCode.empty()) {
        return makeError("store.decision_invalid", who + ": a rejection needs a reason_code");
    }
    bool portal = false;
    for (const auto& item : outgoing) {
        if (item.channel == notify::OutboxChannel::PortalDecision && item.key == d.idempotencyKey) portal = true;
    }
    if (!portal) {
        return makeError("store.decision_invalid",
                         who + ": the outgoing work must include the portal decision under the decision's key");
    }
    return {};
}

} // namespace

Result<std::int64_t> SqliteDecisionRepository::record(const Decision& d, const std::vector<notify::OutboxItem>& outgoing,
                                                      const AuditEvent& audit) {
    if (auto ok = validate(d, outgoing); !ok) return ok.error();
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto insert = m_db.prepare(
        "INSERT INTO decisions(dossier_no, declaration_version, outcome, reason_code, reason_text, officer_id, "
        "lease_id, decided_at_ms, idempotency_key, checks_json) VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!insert) return insert.error();
    insert->bind(1, d.dossierNo).bind(2, d.declarationVersion);
    insert->bind(3, toString(d.outcome));
    insert->bind(4, d.reasonCode).bind(5, d.reasonText).bind(6, d.officerId).bind(7, d.leaseId);
    insert->bind(8, toMs(d.decidedAt)).bind(9, d.idempotencyKey).bind(10, checksJson(d.checks));
    if (auto ok = insert->run(); !ok) {
        if (ok.error().code == "store.constraint") {
            return makeError("store.decision_exists", "dossier " + d.dossierNo + " already has a decision");
        }
        return ok.error();
    }
    const std::int64_t id = m_db.lastInsertRowId();
    if (!d.qaSample.empty()) {
        auto sample = m_db.prepare(
            "INSERT INTO qa_samples(idempotency_key, dossier_no, officer_id, reason, sampled_at_ms) VALUES(?,?,?,?,?)");
        if (!sample) return sample.error();
        sample->bind(1, d.idempotencyKey).bind(2, d.dossierNo).bind(3, d.officerId).bind(4, d.qaSample);
        sample->bind(5, toMs(d.decidedAt));
        if (auto ok = sample->run(); !ok) return ok.error();
    }
    // The cached declaration shows the outcome at once (status line, queue, dashboard), with the
    // portal's own status values; its version stays the portal's, so the portal's next version
    // replaces it (SqliteDeclarationRepository keeps the outcome over an older pending copy).
    auto mark = m_db.prepare(
        "UPDATE declarations SET status = ?1, "
        "json = CASE WHEN json_valid(json) THEN json_set(json, '$.status', ?1) ELSE json END "
        "WHERE dossier_no = ?2 AND status IN ('pending', 'claimed')");
    if (!mark) return mark.error();
    mark->bind(1, toString(d.outcome)).bind(2, d.dossierNo);
    if (auto ok = mark->run(); !ok) return ok.error();
    const auto now = std::chrono::system_clock::now();
    for (const auto& item : outgoing) {
        if (auto ok = SqliteOutboxRepository::insertInTransaction(m_db, item, now); !ok) return ok.error();
    }
    if (auto seq = AuditChain::appendInTransaction(m_db, audit); !seq) return seq.error();
    if (auto ok = tx->commit(); !ok) return ok.error();
    return id;
}

Result<std::optional<Decision>> SqliteDecisionRepository::findByDossier(const std::string& dossierNo) {
    auto stmt = m_db.prepare(std::string("SELECT ") + kColumns + " FROM decisions WHERE dossier_no = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, dossierNo);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<Decision>();
    auto decision = readDecision(*stmt);
    if (!decision) return decision.error();
    return std::optional<Decision>(std::move(decision).value());
}

Result<std::vector<Decision>> SqliteDecisionRepository::recent(std::size_t limit) {
    auto stmt = m_db.prepare(std::string("SELECT ") + kColumns + " FROM decisions ORDER BY id DESC LIMIT ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, static_cast<std::int64_t>(limit));
    std::vector<Decision> out;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        auto decision = readDecision(*stmt);
        if (!decision) return decision.error();
        out.push_back(std::move(decision).value());
    }
    return out;
}

Result<void> SqliteDecisionRepository::refuse(const std::string& idempotencyKey, std::int64_t outboxRowId,
                                              const declarations::PortalRefusal& refusal, const AuditEvent& audit) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    const std::int64_t now = toMs(refusal.at.time_since_epoch().count() ? refusal.at : std::chrono::system_clock::now());
    auto fail = m_db.prepare(
        "UPDATE outbox SET state = 'failed', claimed_by = NULL, last_error = ?1, updated_ms = ?2, secret = NULL "
        "WHERE id = ?3 AND key = ?4 AND channel = 'portal_decision' AND state = 'sending'");
    if (!fail) return fail.error();
    fail->bind(1, refusal.message).bind(2, now).bind(3, outboxRowId).bind(4, idempotencyKey);
    if (auto ok = fail->run(); !ok) return ok.error();
    if (m_db.changes() != 1) {
        return makeError("store.not_in_state", "outbox row " + std::to_string(outboxRowId) + " is not a portal decision being sent");
    }
    auto move = m_db.prepare(
        "INSERT INTO refused_decisions(dossier_no, declaration_version, outcome, reason_code, reason_text, officer_id, "
        "lease_id, decided_at_ms, idempotency_key, checks_json, refused_at_ms, portal_error_code, portal_error) "
        "SELECT dossier_no, declaration_version, outcome, reason_code, reason_text, officer_id, lease_id, decided_at_ms, "
        "idempotency_key, checks_json, ?1, ?2, ?3 FROM decisions WHERE idempotency_key = ?4");
    if (!move) return move.error();
    move->bind(1, now).bind(2, refusal.code).bind(3, refusal.message).bind(4, idempotencyKey);
    if (auto ok = move->run(); !ok) return ok.error();
    if (m_db.changes() != 1) return makeError("store.not_found", "no decision under idempotency key " + idempotencyKey);
    auto dossier = m_db.prepare("SELECT dossier_no FROM refused_decisions WHERE idempotency_key = ?");
    if (!dossier) return dossier.error();
    dossier->bind(1, idempotencyKey);
    if (auto row = dossier->step(); !row || !*row) return row ? makeError("store.not_found", idempotencyKey) : row.error();
    const std::string dossierNo = dossier->getText(0);
    // A refused decision no longer stands: nothing of it is left to re-check.
    auto unsample = m_db.prepare("DELETE FROM qa_samples WHERE idempotency_key = ?");
    if (!unsample) return unsample.error();
    unsample->bind(1, idempotencyKey);
    if (auto ok = unsample->run(); !ok) return ok.error();
    auto drop = m_db.prepare("DELETE FROM decisions WHERE idempotency_key = ?");
    if (!drop) return drop.error();
    drop->bind(1, idempotencyKey);
    if (auto ok = drop->run(); !ok) return ok.error();
    // The local copy is open for a decision again; the portal's next copy says who holds it.
    auto reopen = m_db.prepare(
        "UPDATE declarations SET status = 'pending', "
        "json = CASE WHEN json_valid(json) THEN json_set(json, '$.status', 'pending') ELSE json END "
        "WHERE dossier_no = ? AND status IN ('approved', 'rejected')");
    if (!reopen) return reopen.error();
    reopen->bind(1, dossierNo);
    if (auto ok = reopen->run(); !ok) return ok.error();
    if (auto seq = AuditChain::appendInTransaction(m_db, audit); !seq) return seq.error();
    return tx->commit();
}

Result<std::optional<declarations::PortalRefusal>> SqliteDecisionRepository::lastRefusal(const std::string& dossierNo) {
    auto stmt = m_db.prepare(
        "SELECT portal_error_code, portal_error, idempotency_key, refused_at_ms FROM refused_decisions "
        "WHERE dossier_no = ? ORDER BY refused_at_ms DESC, id DESC LIMIT 1");
    if (!stmt) return stmt.error();
    stmt->bind(1, dossierNo);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<declarations::PortalRefusal>();
    return std::optional<declarations::PortalRefusal>(
        declarations::PortalRefusal{stmt->getText(0), stmt->getText(1), stmt->getText(2), fromMs(stmt->getInt(3))});
}

Result<int> SqliteDecisionRepository::countByOfficer(const std::string& officerId) {
    auto stmt = m_db.prepare("SELECT count(*) FROM decisions WHERE officer_id = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, officerId);
    auto row = stmt->step();
    if (!row) return row.error();
    return *row ? static_cast<int>(stmt->getInt(0)) : 0;
}

Result<int> SqliteDecisionRepository::countApprovalsByOfficer(const std::string& officerId) {
    auto stmt = m_db.prepare("SELECT count(*) FROM decisions WHERE officer_id = ? AND outcome = 'approved'");
    if (!stmt) return stmt.error();
    stmt->bind(1, officerId);
    auto row = stmt->step();
    if (!row) return row.error();
    return *row ? static_cast<int>(stmt->getInt(0)) : 0;
}

} // namespace bhxh::store
