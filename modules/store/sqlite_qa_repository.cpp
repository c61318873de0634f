#include "store/sqlite_qa_repository.h"

#include "store/audit_chain.h"
#include "store/sqlite_decision_repository.h"
#include "store/time_codec.h"
#include "store/transaction.h"

#include <algorithm>
#include <map>

namespace bhxh::store {

using declarations::QaFigures;
using declarations::QaReview;
using declarations::QaSample;

Result<std::vector<QaSample>> SqliteQaRepository::list(bool openOnly, std::size_t limit) {
    limit = std::min<std::size_t>(limit, 500);
    auto stmt = m_db.prepare(std::string(
        "SELECT q.id, q.reason, q.sampled_at_ms, q.state, q.reviewer_id, q.reviewed_at_ms, q.flag_reason, q.note, "
        "q.follow_up, d.dossier_no FROM qa_samples q JOIN decisions d ON d.idempotency_key = q.idempotency_key ") +
        (openOnly ? "WHERE q.state = 'open' " : "") +
        "ORDER BY (q.state = 'open') DESC, q.sampled_at_ms DESC, q.id DESC LIMIT ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, static_cast<std::int64_t>(limit));
    std::vector<QaSample> out;
    std::vector<std::string> dossiers;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        QaSample s;
        s.id = stmt->getInt(0);
        s.reason = stmt->getText(1);
        s.sampledAt = fromMs(stmt->getInt(2));
        s.state = stmt->getText(3);
        s.reviewerId = stmt->getText(4);
        if (!stmt->isNull(5)) s.reviewedAt = fromMs(stmt->getInt(5));
        s.flagReason = stmt->getText(6);
        s.note = stmt->getText(7);
        s.followUp = stmt->getInt(8) != 0;
        dossiers.push_back(stmt->getText(9));
        out.push_back(std::move(s));
    }
    SqliteDecisionRepository decisions(m_db);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto d = decisions.findByDossier(dossiers[i]);
        if (!d) return d.error();
        if (*d) out[i].decision = **d;
    }
    return out;
}

Result<void> SqliteQaRepository::review(const QaReview& r, const AuditEvent& audit) {
    const std::string who = "re-check " + std::to_string(r.sampleId);
    if (r.reviewerId.empty()) return makeError("qa.invalid", who + ": nobody is signed in");
    if (r.note.size() > QaReview::kMaxNote) return makeError("qa.note_too_long", who + ": the note is too long");
    if (r.flagged) {
        const auto& reasons = QaReview::flagReasons();
        if (std::find(reasons.begin(), reasons.end(), r.flagReason) == reasons.end()) {
            return makeError("qa.reason_required", who + ": a flag needs one of the listed reasons");
        }
    }
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    auto owner = m_db.prepare("SELECT officer_id, state FROM qa_samples WHERE id = ?");
    if (!owner) return owner.error();
    owner->bind(1, r.sampleId);
    auto row = owner->step();
    if (!row) return row.error();
    if (!*row) return makeError("qa.not_found", who + ": no such sample");
    if (owner->getText(1) != "open") return makeError("qa.already_reviewed", who + ": already " + owner->getText(1));
    if (owner->getText(0) == r.reviewerId) {
        return makeError("qa.own_decision", who + ": an officer does not re-check their own approval");
    }
    auto update = m_db.prepare(
        "UPDATE qa_samples SET state = ?1, reviewer_id = ?2, reviewed_at_ms = ?3, flag_reason = ?4, note = ?5, "
        "follow_up = ?6 WHERE id = ?7 AND state = 'open'");
    if (!update) return update.error();
    update->bind(1, r.flagged ? "flagged" : "confirmed").bind(2, r.reviewerId).bind(3, toMs(r.at));
    update->bind(4, r.flagged ? r.flagReason : std::string()).bind(5, r.note).bind(6, r.followUp ? 1 : 0);
    update->bind(7, r.sampleId);
    if (auto ok = update->run(); !ok) return ok.error();
    if (m_db.changes() != 1) return makeError("qa.already_reviewed", who + ": not open any more");
    if (auto seq = AuditChain::appendInTransaction(m_db, audit); !seq) return seq.error();
    return tx->commit();
}

Result<QaFigures> SqliteQaRepository::figures(std::chrono::system_clock::time_point from,
                                              std::chrono::system_clock::time_point to) {
    auto stmt = m_db.prepare(
        "SELECT officer_id, state, follow_up FROM qa_samples WHERE sampled_at_ms >= ?1 AND sampled_at_ms < ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, toMs(from)).bind(2, toMs(to));
    QaFigures f;
    std::map<std::string, declarations::QaOfficerFigures> perOfficer;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        const std::string officer = stmt->getText(0);
        const std::string state = stmt->getText(1);
        auto& o = perOfficer[officer];
        o.officerId = officer;
        ++f.sampled;
        ++o.sampled;
        if (state == "confirmed") {
            ++f.confirmed;
            ++o.confirmed;
        } else if (state == "flagged") {
            ++f.flagged;
            ++o.flagged;
        } else {
            ++f.open;
        }
        if (stmt->getInt(2) != 0) ++f.followUps;
    }
    for (auto& [id, o] : perOfficer) f.officers.push_back(o);
    return f;
}

} // namespace bhxh::store
