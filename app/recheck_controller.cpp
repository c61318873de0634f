#include "app/recheck_controller.h"

#include "app/cv_picture.h"
#include "app/guarded_list.h"
#include "app/photo_file.h"
#include "common/local_time.h"
#include "face/face_comparison.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_qa_repository.h"
#include "ui_model/masked_number.h"

#include <cstdio>

namespace bhxh::app {
namespace {

ui::RecheckSnapshot::Row toRow(const declarations::QaSample& s) {
    ui::RecheckSnapshot::Row r;
    r.sampleId = s.id;
    r.dossierNo = s.decision.dossierNo;
    r.officer = s.decision.officerId;
    r.secondOfficer = s.decision.checks.secondOfficerId;
    r.decidedAt = formatLocalDateTime(s.decision.decidedAt);
    r.reason = s.reason;
    r.state = s.state;
    r.flagReason = s.flagReason;
    r.note = s.note;
    r.followUp = s.followUp;
    r.reviewer = s.reviewerId;
    const auto& c = s.decision.checks;
    r.cardScanned = c.cardScanned;
    if (c.faceScore) {
        char score[16];
        std::snprintf(score, sizeof score, "%.2f", *c.faceScore);
        r.faceScore = score;
    }
    r.faceModel = c.faceModel;
    for (const auto* evidence : {&c.faceEvidenceJson, &c.chipFaceEvidenceJson}) {
        for (const auto& p : face::FaceEvidence::pairsFromJson(*evidence)) r.facePairs.push_back({p.label, p.score, p.band, {}});
    }
    r.fieldsMatched = c.fieldsMatched;
    r.findings = c.findings;
    for (const auto& a : c.acknowledgements) r.acknowledgements.push_back(a.item + ": " + a.reason);
    return r;
}

} // namespace

RecheckController::RecheckController(MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu, AuthorizeFn authorize,
                                     std::uint64_t maxPixels)
    : m_queue(queue), m_store(store), m_cpu(cpu), m_authorize(std::move(authorize)), m_maxPixels(maxPixels) {}

void RecheckController::refresh() {
    refreshGuardedList(m_queue, m_store, m_authorize, "qa.review", m_snapshot, m_generation,
                       [](StoreContext& ctx, const std::string&) -> Result<std::vector<ui::RecheckSnapshot::Row>> {
        store::SqliteQaRepository qa(ctx.db);
        auto samples = qa.list(false, kRows);
        if (!samples) return samples.error();
        std::vector<ui::RecheckSnapshot::Row> rows;
        for (const auto& s : *samples) {
            rows.push_back(toRow(s));
            // Who the citizen is, from the stored declaration (gone once purged): the name, and
            // the CCCD number with only its last digits.
            if (auto d = ctx.declarations.find(s.decision.dossierNo); d && *d) {
                rows.back().citizenName = (*d)->fullName;
                rows.back().citizenIdMasked = ui::MaskedNumber::of((*d)->idNumber);
            }
        }
        return rows;
    });
}

void RecheckController::select(std::int64_t sampleId) {
    if (sampleId == m_snapshot.photosOf) return;
    m_snapshot.photosOf = sampleId;
    m_snapshot.photos.clear();
    if (!m_authorize || !m_authorize(Action::QaReview)) return;
    std::string dossierNo;
    for (const auto& r : m_snapshot.rows) {
        if (r.sampleId == sampleId) dossierNo = r.dossierNo;
    }
    if (dossierNo.empty()) return;
    const std::uint64_t generation = ++m_photoGeneration;
    m_store.post([this, generation, sampleId, dossierNo, maxPixels = m_maxPixels](StoreContext& ctx) {
        // The store finds the cached files; reading and decoding them is the pool's.
        std::vector<std::pair<std::string, std::optional<std::string>>> files;
        if (auto d = ctx.declarations.find(dossierNo); d && *d) {
            for (const std::string& kind : PhotoFile::order()) {
                for (const auto& f : (*d)->files) {
                    if (f.kind != kind) continue;
                    auto path = ctx.declarations.fileLocalPath(dossierNo, f.kind, f.sha256);
                    files.emplace_back(f.kind, path ? *path : std::nullopt);
                }
            }
        }
        m_cpu.post([this, generation, sampleId, maxPixels, files = std::move(files)] {
            std::vector<ui::PhotoSlot> photos;
            for (const auto& [kind, path] : files) {
                PhotoFile photo = PhotoFile::decode(kind, path, maxPixels);
                photos.push_back({kind, pictureOf(photo.rgba), false, photo.errorKey});
            }
            m_queue.post([this, generation, sampleId, photos = std::move(photos)]() mutable {
                if (generation != m_photoGeneration || sampleId != m_snapshot.photosOf) return;
                m_snapshot.photos = std::move(photos);
            });
        });
    });
}

void RecheckController::confirm(std::int64_t sampleId) { review(sampleId, false, "", "", false); }

void RecheckController::flag(std::int64_t sampleId, const std::string& reason, const std::string& note, bool followUp) {
    review(sampleId, true, reason, note, followUp);
}

void RecheckController::review(std::int64_t sampleId, bool flagged, const std::string& reason, const std::string& note,
                               bool followUp) {
    auto who = m_authorize ? m_authorize("qa.review") : Result<std::string>(makeError("security.denied", "no officer"));
    if (!who) {
        m_snapshot.messageKey = "qa.error.denied";
        m_snapshot.messageDetail = who.error().message;
        return;
    }
    std::string dossierNo;
    for (const auto& r : m_snapshot.rows) {
        if (r.sampleId == sampleId) dossierNo = r.dossierNo;
    }
    const auto now = std::chrono::system_clock::now();
    declarations::QaReview review{sampleId, flagged, reason, note, followUp, *who, now};
    // The note is free text and may hold anything: the audit entry gives only its length.
    std::string detail = "sample=" + std::to_string(sampleId) + (flagged ? " flag=" + reason : std::string(" confirmed"));
    if (followUp) detail += " follow_up";
    if (!note.empty()) detail += " note_bytes=" + std::to_string(note.size());
    const AuditEvent audit{flagged ? "qa_flag" : "qa_confirm", *who, dossierNo, detail, now};
    m_store.post([this, review, audit, flagged](StoreContext& ctx) {
        store::SqliteQaRepository qa(ctx.db);
        auto stored = qa.review(review, audit);
        m_queue.post([this, stored = std::move(stored), flagged] {
            if (stored) {
                m_snapshot.messageKey = flagged ? "qa.flagged" : "qa.confirmed";
                m_snapshot.messageDetail.clear();
                if (m_onReviewed) m_onReviewed();
            } else {
                const std::string& code = stored.error().code;
                m_snapshot.messageKey = code == "qa.own_decision" || code == "qa.already_reviewed" ||
                                                code == "qa.reason_required" || code == "qa.note_too_long"
                                            ? "qa.error." + code.substr(3)
                                            : "qa.error.store";
                m_snapshot.messageDetail = stored.error().message;
            }
            refresh();
        });
    });
}

} // namespace bhxh::app
