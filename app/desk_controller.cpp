#include "app/desk_controller.h"

#include "app/cv_picture.h"
#include "app/detached_launcher.h"
#include "app/photo_file.h"
#include "app/print_service.h"

#include "app/receipt_printer.h"
#include "receipt/receipt_writer.h"


#include "common/calendar_date.h"
#include "common/log.h"
#include "common/unicode_text.h"
#include "declarations/card_comparison.h"
#include "declarations/declaration_rules.h"
#include "idcard/card_parser.h"
#include "security/password_hasher.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <iterator>

namespace bhxh::app {
namespace {

// Hands a file to the desktop's default viewer (xdg-open), never waiting for it: on a bare kiosk
// session xdg-open runs the viewer in the foreground until it is closed. Without xdg-open (a kiosk
// without a desktop) the path shown is the way to it.
void openWithDesktop(const std::filesystem::path& file) {
    if (auto opened = DetachedLauncher::launch("xdg-open", {file.string()}); !opened) {
        log::warn("receipt: " + opened.error().message + "; the receipt is at " + file.string());
    }
}

using declarations::Declaration;

bool isActive(const Declaration& d) {
    return d.status == declarations::DeclarationStatus::Pending || d.status == declarations::DeclarationStatus::Claimed;
}

// The declaration's status once this desk's decision is recorded.
declarations::DeclarationStatus statusAfter(declarations::DecisionOutcome outcome) {
    return outcome == declarations::DecisionOutcome::Approved ? declarations::DeclarationStatus::Approved
                                                              : declarations::DeclarationStatus::Rejected;
}

declarations::FaceSignal faceSignal(face::Band band) {
    switch (band) {
    case face::Band::Same: return declarations::FaceSignal::Same;
    case face::Band::Review: return declarations::FaceSignal::Review;
    case face::Band::Different: return declarations::FaceSignal::Different;
    case face::Band::NoFace: return declarations::FaceSignal::NoFace;
    }
    return declarations::FaceSignal::NotChecked;
}

/// The banner for a decision the portal refused: desk.refused.<conflict|expired|invalid|other>.
std::string refusalKey(const std::string& portalCode) {
    const std::string prefix = "portal.";
    const std::string kind = portalCode.rfind(prefix, 0) == 0 ? portalCode.substr(prefix.size()) : portalCode;
    if (kind == "conflict" || kind == "expired" || kind == "invalid" || kind == "not_found") return "desk.refused." + kind;
    return "desk.refused.other";
}

/// The lang key for an error code the clerk sees ("decision.blocked" → itself), else `fallback`.
std::string errorKey(const std::string& code, const char* fallback) {
    static const char* const kKnown[] = {"decision.blocked", "decision.needs_acknowledgement", "decision.needs_second_officer",
                                         "decision.not_open", "store.decision_exists", "security.denied",
                                         "security.bad_credentials", "security.locked", "security.disabled",
                                         "security.same_officer", "security.unavailable"};
    for (const char* k : kKnown) {
        if (code == k) return "error." + code;
    }
    return fallback;
}

std::vector<Declaration> activeInOffice(const std::vector<Declaration>& all, const std::string& office) {
    std::vector<Declaration> out;
    for (const auto& d : all) {
        if (isActive(d) && d.officeCode == office) out.push_back(d);
    }
    return out;
}

} // namespace

DeskController::DeskController(const AppConfig& config, MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu,
                               face::FaceWorker* faces, std::string faceError)
    : m_config(config), m_queue(queue), m_store(store), m_cpu(cpu), m_faces(faces), m_faceError(std::move(faceError)),
      m_chip(config.chip) {
    m_desk.chip = m_chip.view();
}

void DeskController::setAccess(AuthorizeFn authorize, ConfirmOfficerFn confirm, AuditNoteFn note) {
    m_authorize = std::move(authorize);
    m_confirm = std::move(confirm);
    m_note = std::move(note);
}

void DeskController::message(std::string key, std::map<std::string, std::string> params, bool error) {
    m_desk.messageKey = std::move(key);
    m_desk.messageParams = std::move(params);
    m_desk.messageIsError = error;
}

void DeskController::onScan(const scan::ScanEvent& event) {
    const bool undecided = m_desk.declaration && !m_desk.decided;
    if (!undecided) {
        open(event);
        return;
    }
    // A dossier is open and undecided: the card does not replace it. The same card again
    // changes nothing; another card waits, and the decision panel is disarmed until the clerk
    // says which dossier is meant.
    auto parsed = idcard::parseCard(event.text, CalendarDate::todayLocal());
    if (parsed && m_desk.card && declarations::lookupKey(*parsed) == declarations::lookupKey(*m_desk.card) &&
        !declarations::lookupKey(*parsed).empty()) {
        return;
    }
    ui::DeskSnapshot::Incoming incoming;
    if (parsed && parsed->kind != idcard::CardKind::Unknown) {
        incoming.maskedName = text::maskedName(parsed->cccd ? parsed->cccd->fullName : parsed->bhyt->fullName);
        incoming.messageKey = "desk.incoming";
    } else {
        incoming.messageKey = "desk.incoming_invalid";
    }
    m_incoming = event;
    m_desk.incoming = std::move(incoming);
    updateChecklist();
}

void DeskController::openIncoming() {
    if (m_incoming) {
        const scan::ScanEvent event = *m_incoming;
        open(event);
        return;
    }
    if (m_desk.declaration && m_desk.decided) resetDesk();
}

void DeskController::keepCurrent() {
    m_incoming.reset();
    m_desk.incoming.reset();
    updateChecklist();
}

void DeskController::resetDesk() {
    ++m_generation;
    if (m_portal.release && m_desk.declaration) m_portal.release();
    const ui::Picture camera = m_desk.camera;
    m_desk = ui::DeskSnapshot{};
    m_desk.camera = camera;
    m_incoming.reset();
    m_decisionKey.clear();
    m_faceSignals.clear();
    m_officerDecisions.reset();
    m_chip.clear();
    m_chipFaceBytes.clear();
    m_chipFaceEvidenceJson.clear();
    m_chipFaceRunning = m_chipFaceAgain = m_chipLiveScored = false;
    m_desk.chip = m_chip.view();
}

void DeskController::open(const scan::ScanEvent& event) {
    auto parsed = idcard::parseCard(event.text, CalendarDate::todayLocal());
    if (!parsed || parsed->kind == idcard::CardKind::Unknown) {
        // Nothing undecided is on screen here (onScan), so nothing stays armed: the desk empties.
        resetDesk();
        m_desk.phase = ui::DeskSnapshot::Phase::NotFound;
        if (!parsed) {
            message("desk.card_invalid", {{"detail", parsed.error().message}}, true);
        } else {
            message("desk.card_unknown", {}, true);
        }
        return;
    }
    const std::string number = declarations::lookupKey(*parsed);
    resetDesk();
    const std::uint64_t generation = m_generation;
    m_desk.card = std::move(parsed).value();
    m_chip.onCard(m_desk.card);  // a CCCD: "place the card on the reader"
    m_desk.cardOrigin = event.origin == scan::ScanOrigin::Camera ? "camera" : "wedge";
    m_desk.phase = ui::DeskSnapshot::Phase::Looking;
    m_store.post([this, number, generation](StoreContext& ctx) {
        auto found = ctx.declarations.findByCard(number);
        m_queue.post([this, number, generation, found = std::move(found)]() mutable {
            if (generation != m_generation) return;
            if (!found) {
                m_desk.phase = ui::DeskSnapshot::Phase::NotFound;
                message("desk.store_error", {{"detail", found.error().message}}, true);
                return;
            }
            auto active = activeInOffice(*found, m_config.desk.officeCode);
            if (!active.empty()) {
                Declaration first = active.front();
                active.erase(active.begin());
                show(std::move(first), std::move(active));
                return;
            }
            if (!m_portal.lookup) {
                explainMiss(number);
                return;
            }
            // Not cached (registered after the last pull, or pulled by another office): ask the portal.
            m_portal.lookup(number, [this, number, generation](Result<std::vector<Declaration>> remote) {
                m_queue.post([this, number, generation, remote = std::move(remote)]() mutable {
                    if (generation != m_generation) return;
                    if (remote) {
                        auto fromPortal = activeInOffice(*remote, m_config.desk.officeCode);
                        if (!fromPortal.empty()) {
                            Declaration first = fromPortal.front();
                            fromPortal.erase(fromPortal.begin());
                            show(std::move(first), std::move(fromPortal));
                            return;
                        }
                    } else {
                        log::warn("desk: portal lookup failed: " + remote.error().describe());
                    }
                    explainMiss(number);
                });
            });
        });
    });
}

void DeskController::explainMiss(const std::string& number) {
    const std::uint64_t generation = m_generation;
    m_store.post([this, number, generation](StoreContext& ctx) {
        auto all = ctx.declarations.findByCard(number);
        m_queue.post([this, generation, all = std::move(all)] {
            if (generation != m_generation) return;
            m_desk.phase = ui::DeskSnapshot::Phase::NotFound;
            if (!all || all->empty()) {
                message("desk.not_registered", {}, true);
                return;
            }
            const Declaration& d = all->back();
            if (d.officeCode != m_config.desk.officeCode) {
                message("desk.other_office", {{"office", d.officeCode}, {"dossier", d.dossierNo}}, true);
            } else if (d.status == declarations::DeclarationStatus::Expired) {
                message("desk.expired_declaration", {{"dossier", d.dossierNo}}, true);
            } else {
                message("desk.already_decided", {{"dossier", d.dossierNo}, {"status", std::string(declarations::toString(d.status))}}, true);
            }
        });
    });
}

void DeskController::openDossier(const std::string& dossierNo) {
    const auto card = m_desk.card;
    const bool keepCard = card && m_desk.declaration &&
                          std::any_of(m_desk.alternatives.begin(), m_desk.alternatives.end(),
                                      [&](const Declaration& a) { return a.dossierNo == dossierNo; });
    auto alternatives = m_desk.alternatives;
    if (keepCard && m_desk.declaration) alternatives.push_back(*m_desk.declaration);
    resetDesk();
    const std::uint64_t generation = m_generation;
    if (keepCard) {
        m_desk.card = card;
        m_chip.onCard(card);
    }
    m_desk.cardOrigin = keepCard ? "camera" : "queue";
    m_desk.phase = ui::DeskSnapshot::Phase::Looking;
    m_store.post([this, dossierNo, generation, keepCard, alternatives](StoreContext& ctx) {
        auto found = ctx.declarations.find(dossierNo);
        m_queue.post([this, generation, keepCard, alternatives, dossierNo, found = std::move(found)]() mutable {
            if (generation != m_generation) return;
            if (!found || !*found) {
                m_desk.phase = ui::DeskSnapshot::Phase::NotFound;
                message("desk.not_registered", {}, true);
                return;
            }
            std::vector<Declaration> others;
            if (keepCard) {
                for (auto& a : alternatives) {
                    if (a.dossierNo != dossierNo) others.push_back(std::move(a));
                }
            }
            show(std::move(**found), std::move(others));
        });
    });
}

void DeskController::show(Declaration d, std::vector<Declaration> alternatives) {
    const auto now = std::chrono::system_clock::now();
    m_desk.phase = ui::DeskSnapshot::Phase::Open;
    m_desk.messageKey.clear();
    if (m_desk.card) m_desk.comparison = declarations::compareWithCard(d, *m_desk.card);
    m_desk.rules = declarations::checkRules(d, now, {});
    m_desk.daysLeft = declarations::daysLeft(d, now);
    m_desk.alternatives = std::move(alternatives);
    m_desk.face = {};
    m_portraitBytes.clear();
    m_idFrontBytes.clear();
    m_liveBytes.clear();
    m_faceEvidenceJson.clear();
    m_faceScore.reset();
    m_portraitIdScored = false;
    m_faceAgain = false;
    m_leaseId.clear();
    if (!m_faceError.empty()) {
        m_desk.face.errorKey = "face.models_missing";
        m_desk.face.errorDetail = m_faceError;
    }
    m_desk.declaration = d;
    if (m_note) m_note("open_declaration", d.dossierNo, m_desk.cardOrigin);
    if (m_portal.hold) m_portal.hold(d.dossierNo, officer());
    loadPhotos(d);
    if (m_chip.reading()) useChipReading();  // the chip was read while the dossier was looked up

    // The local half of the contact rules, and whether the dossier was decided here already.
    const std::uint64_t generation = m_generation;
    m_store.post([this, d, generation, now, officerId = officer()](StoreContext& ctx) {
        declarations::ContactUse use;
        if (auto same = ctx.declarations.findByPhone(d.phone)) {
            use.phoneUsedByOther = std::any_of(same->begin(), same->end(),
                                               [&](const Declaration& o) { return o.bhxhCode != d.bhxhCode; });
        }
        auto decided = ctx.decisions.findByDossier(d.dossierNo);
        auto refused = ctx.decisions.lastRefusal(d.dossierNo);
        auto count = officerId.empty() ? Result<int>(0) : ctx.decisions.countByOfficer(officerId);
        m_queue.post([this, d, generation, now, use, decided = std::move(decided), refused = std::move(refused),
                      count = std::move(count)] {
            if (generation != m_generation) return;
            m_desk.rules = declarations::checkRules(d, now, use);
            if (count) m_officerDecisions = *count;
            checkContactsOnPortal(d, now, use, generation);
            if (refused && *refused && !(decided && *decided)) {
                // The portal refused the decision taken on this dossier earlier: say so.
                m_desk.refusalKey = refusalKey((*refused)->code);
            }
            updateChecklist();
            if (decided && *decided) {
                m_decisionKey = (*decided)->idempotencyKey;
                m_desk.decided = true;
                m_desk.decidedOutcome = (*decided)->outcome;
                // Decided before the store marked its copies (an older console): it may still say pending.
                if (m_desk.declaration && isActive(*m_desk.declaration))
                    m_desk.declaration->status = statusAfter((*decided)->outcome);
                refreshOutgoing();
            }
        });
    });
}

void DeskController::checkContactsOnPortal(const Declaration& d, std::chrono::system_clock::time_point now,
                                           declarations::ContactUse local, std::uint64_t generation) {
    if (!m_portal.contactCheck) return;
    m_portal.contactCheck(d.phone, d.email.value_or(""), d.bhxhCode,
                          [this, d, now, local, generation](Result<declarations::ContactCheck> answer) {
        m_queue.post([this, d, now, local, generation, answer = std::move(answer)] {
            if (generation != m_generation) return;
            if (!answer) {
                // The rule stays "not checked" (or the local answer); the clerk sees why in the log.
                log::warn("desk: contact check failed: " + answer.error().describe());
                return;
            }
            declarations::ContactUse merged = local;
            merged.phoneUsedByOther = local.phoneUsedByOther.value_or(false) || answer->phoneInUseBy.has_value();
            merged.emailUsedByOther = answer->emailInUseBy.has_value();
            m_desk.rules = declarations::checkRules(d, now, merged);
            updateChecklist();
        });
    });
}

void DeskController::loadPhotos(const Declaration& d) {
    m_desk.photos.clear();
    for (const std::string& kind : PhotoFile::order()) {
        for (const auto& f : d.files) {
            if (f.kind != kind) continue;
            m_desk.photos.push_back({f.kind, {}, true, ""});
            const std::uint64_t generation = m_generation;
            m_store.post([this, dossier = d.dossierNo, file = f, generation,
                          maxPixels = static_cast<std::uint64_t>(m_config.images.maxPixels)](StoreContext& ctx) {
                auto found = ctx.declarations.fileLocalPath(dossier, file.kind, file.sha256);
                // The store finds the file; reading and decoding it is the pool's (SQL only here).
                m_cpu.post([this, generation, kind = file.kind, maxPixels,
                            path = found ? *found : std::optional<std::string>()] {
                    PhotoFile photo = PhotoFile::decode(kind, path, maxPixels);
                    m_queue.post([this, generation, photo = std::move(photo)]() mutable {
                        if (generation != m_generation) return;
                        for (auto& slot : m_desk.photos) {
                            if (slot.kind != photo.kind) continue;
                            slot.loading = false;
                            slot.errorKey = photo.errorKey;
                        }
                        if (!photo.rgba.empty()) setPicture(photo.kind, pictureOf(photo.rgba));
                        if (photo.kind == "portrait") m_portraitBytes = std::move(photo.bytes);
                        if (photo.kind == "id_front") m_idFrontBytes = std::move(photo.bytes);
                        runFaceCheck();
                        runChipFaceCheck();
                        updateChecklist();
                    });
                });
            });
        }
    }
    m_desk.photos.push_back({"live", {}, false, "photo.press_f6"});
}

void DeskController::captureLive(const cv::Mat& bgr) {
    if (!m_desk.declaration || m_desk.decided) return;
    if (bgr.empty()) {
        message("desk.no_camera_frame", {}, true);
        return;
    }
    for (auto& slot : m_desk.photos) {
        if (slot.kind == "live") slot.loading = true;
    }
    const std::uint64_t generation = m_generation;
    m_cpu.post([this, bgr, generation] {
        std::vector<std::uint8_t> jpeg;
        cv::imencode(".jpg", bgr, jpeg, {cv::IMWRITE_JPEG_QUALITY, 92});
        cv::Mat rgba;
        cv::cvtColor(bgr, rgba, cv::COLOR_BGR2RGBA);
        m_queue.post([this, generation, jpeg = std::move(jpeg), rgba]() mutable {
            if (generation != m_generation) return;
            for (auto& slot : m_desk.photos) {
                if (slot.kind != "live") continue;
                slot.loading = false;
                slot.errorKey.clear();
            }
            setPicture("live", pictureOf(rgba));
            m_liveBytes = std::move(jpeg);
            runFaceCheck();
            runChipFaceCheck();
        });
    });
}

void DeskController::runFaceCheck() {
    if (!m_faces || m_portraitBytes.empty() || m_idFrontBytes.empty()) return;
    const bool withLive = !m_liveBytes.empty();
    // Without a live frame only portrait ↔ ID photo can be scored, and once is enough.
    if (!withLive && m_portraitIdScored) return;
    if (m_desk.face.running) {
        m_faceAgain = true;  // a newer input (the live frame) arrived: check again when this one ends
        return;
    }
    m_desk.face.running = true;
    m_faceAgain = false;
    updateChecklist();
    if (!withLive) m_portraitIdScored = true;
    const std::uint64_t generation = m_generation;
    // The worker only knows the three-way check. Before F6 the portrait stands in for the live
    // frame and only the portrait ↔ ID-card pair is kept; the matcher caches both analyses, so
    // the full check after F6 embeds only the live frame.
    face::ThreeWayInput input{m_portraitBytes, withLive ? m_liveBytes : m_portraitBytes, m_idFrontBytes};
    // The FaceWorker posts the callback to the main-thread queue.
    m_faces->submit(std::move(input), [this, generation, withLive](Result<face::FaceEvidence> evidence) {
        if (generation != m_generation) return;
        m_desk.face.running = false;
        if (!evidence) {
            m_desk.face.errorKey = "face.check_failed";
            m_desk.face.errorDetail = evidence.error().message;
        } else {
            showFaceEvidence(std::move(evidence).value(), withLive);
        }
        if (m_faceAgain) runFaceCheck();
        updateChecklist();
    });
}

void DeskController::showFaceEvidence(face::FaceEvidence evidence, bool withLive) {
    if (!withLive) {
        // Only the pair that does not involve the stand-in; no liveness (it was the portrait's).
        std::erase_if(evidence.pairs, [](const face::PairComparison& p) { return p.label != "portrait-idcard"; });
        evidence.liveLiveness.reset();
    }
    m_desk.face.done = withLive;
    m_desk.face.errorKey.clear();
    // The chip portrait's pairs come from their own check (runChipFaceCheck): kept.
    std::erase_if(m_desk.face.pairs, [](const ui::FacePairView& p) { return p.label.rfind("chip-", 0) != 0; });
    for (const auto& p : evidence.pairs) {
        m_desk.face.pairs.push_back({p.label, p.score, p.band, p.notes});
        m_faceSignals[p.label] = faceSignal(p.band);
        if (p.label == "portrait-live") m_faceScore = p.score;
    }
    m_desk.face.liveness = evidence.liveLiveness;
    // What the clerk saw goes with the decision, also when it was only the portrait ↔ ID photo.
    m_faceEvidenceJson = evidence.toJson();
    // The models that scored it, by file and the start of its SHA-256 (the full hashes are in the evidence).
    m_faceModel.clear();
    for (const auto& [file, sha] : evidence.models) {
        m_faceModel += (m_faceModel.empty() ? "" : ",") + file + ":" + sha.substr(0, 12);
    }
}

std::string DeskController::officer() const {
    if (!m_authorize) return "";
    auto who = m_authorize("decide");
    return who ? *who : "";
}

void DeskController::decide(const std::string& reasonCode, const std::string& reasonText,
                            const std::string& secondOfficer, const std::string& secondPassword) {
    if (!m_desk.declaration || m_desk.deciding || m_desk.decided) return;
    if (m_desk.incoming) {
        // A new card waits: the clerk must say which dossier is meant before deciding anything.
        message("desk.incoming_disarmed", {}, true);
        return;
    }
    if (!m_record) {
        message("decision.failed", {{"detail", "no recorder"}}, true);
        return;
    }
    auto who = m_authorize ? m_authorize("decide") : Result<std::string>(makeError("security.denied", "no officer"));
    if (!who) {
        message("decision.denied", {{"detail", who.error().message}}, true);
        return;
    }
    declarations::DecisionRequest decision;
    decision.declaration = *m_desk.declaration;
    decision.outcome = reasonCode.empty() ? declarations::DecisionOutcome::Approved : declarations::DecisionOutcome::Rejected;
    decision.reasonCode = reasonCode;
    decision.reasonText = reasonText;
    decision.officerId = *who;
    decision.leaseId = m_leaseId;
    decision.officeName = m_config.desk.officeName;
    decision.checks.faceScore = m_faceScore;
    decision.checks.faceModel = m_faceEvidenceJson.empty() ? "" : m_faceModel;
    decision.checks.fieldsMatched = m_desk.comparison.matchedFields();
    decision.checks.cardScanned = m_desk.card ? (m_desk.card->kind == idcard::CardKind::Cccd ? "cccd" : "bhyt") : "none";
    decision.checks.walkIn = m_desk.cardOrigin == "camera" || m_desk.cardOrigin == "wedge";
    decision.checks.faceEvidenceJson = m_faceEvidenceJson;
    if (auto read = m_chip.reading()) {
        decision.checks.chipVerdict = chip::ChipVerdict::kindName(read->verdict.kind);
        decision.checks.chipReason = read->verdict.kind == chip::ChipVerdictKind::NotGenuine ? read->verdict.reason : "";
        decision.checks.chipDsFingerprint = read->verdict.dsFingerprint;
        decision.checks.chipFaceEvidenceJson = m_chipFaceEvidenceJson;
    }
    decision.facts = facts();
    decision.acknowledgements = m_desk.acknowledgements;
    const bool approving = decision.outcome == declarations::DecisionOutcome::Approved;
    bool fourEyes = false;
    if (approving) {
        // The screen's verdict, checked again here before the store (the recorder checks once more).
        const auto checklist = m_policy.evaluate(decision.facts);
        const auto verdict = m_policy.approval(checklist, decision.facts, decision.acknowledgements, !secondOfficer.empty());
        if (!verdict.ready()) {
            message(verdict.state == declarations::ApprovalVerdict::State::Blocked ? "decision.blocked"
                    : verdict.state == declarations::ApprovalVerdict::State::NeedsAcknowledgement
                        ? "decision.needs_acknowledgement"
                        : "decision.needs_second_officer",
                    {}, true);
            return;
        }
        fourEyes = verdict.secondOfficerRequired;
    }
    m_desk.deciding = true;
    m_desk.messageKey.clear();
    const std::uint64_t generation = m_generation;
    if (fourEyes) {
        // Verifying a password is slow (argon2id, on the session's thread): the pool waits for
        // it, never the UI thread nor the store, which records the decision once it is known.
        m_cpu.post([this, decision, secondOfficer, password = std::string(secondPassword), generation]() mutable {
            auto second = m_confirm ? m_confirm(secondOfficer, password)
                                    : Result<std::string>(makeError("security.unavailable", "no second officer"));
            security::PasswordHasher::wipe(password);
            if (!second) {
                m_queue.post([this, generation, error = second.error()] { decisionRecorded(generation, error, {}); });
                return;
            }
            decision.secondOfficerId = *second;
            recordDecision(std::move(decision), generation);
        });
    } else {
        recordDecision(std::move(decision), generation);
    }
}

void DeskController::recordDecision(declarations::DecisionRequest decision, std::uint64_t generation) {
    m_store.post([this, decision = std::move(decision), generation](StoreContext& ctx) {
        Result<declarations::Decision> recorded = m_record(ctx, decision);
        m_queue.post([this, generation, recorded = std::move(recorded), outcome = decision.outcome] {
            decisionRecorded(generation, recorded, outcome);
        });
    });
}

void DeskController::decisionRecorded(std::uint64_t generation, const Result<declarations::Decision>& recorded,
                                      declarations::DecisionOutcome outcome) {
    if (generation != m_generation) return;
    m_desk.deciding = false;
    if (!recorded) {
        message(errorKey(recorded.error().code, "decision.failed"), {{"detail", recorded.error().message}}, true);
        return;
    }
    m_decisionKey = recorded->idempotencyKey;
    m_desk.decided = true;
    m_desk.refusalKey.clear();
    m_desk.decidedOutcome = outcome;
    // Recorded here; the portal has not taken it yet (refreshOutgoing follows it there).
    m_desk.portalState = "waiting";
    if (m_desk.declaration) m_desk.declaration->status = statusAfter(outcome);
    message("decision.recorded." + std::string(declarations::toString(outcome)), {}, false);
    if (m_portal.pushDecision) m_portal.pushDecision(m_decisionKey);
    refreshOutgoing();
}

void DeskController::setPolicy(declarations::DecisionPolicy policy) {
    m_policy = policy;
    updateChecklist();
}

void DeskController::acknowledge(const std::string& item, const std::string& reason) {
    if (!m_desk.declaration || m_desk.decided || m_desk.deciding) return;
    std::erase_if(m_desk.acknowledgements, [&](const declarations::Acknowledgement& a) { return a.item == item; });
    const auto& reasons = declarations::DecisionPolicy::ackReasons(item);
    if (!reason.empty() && std::find(reasons.begin(), reasons.end(), reason) != reasons.end()) {
        m_desk.acknowledgements.push_back({item, reason});
        if (m_note) m_note("acknowledge", m_desk.declaration->dossierNo, item + ":" + reason);
    }
    updateChecklist();
}

declarations::DecisionFacts DeskController::facts() const {
    declarations::DecisionFacts f;
    if (m_desk.card) f.comparison = m_desk.comparison;
    f.rules = m_desk.rules;
    f.lease = m_desk.leaseState;
    f.faceCheckAvailable = m_faces != nullptr;
    const bool photosLoading = std::any_of(m_desk.photos.begin(), m_desk.photos.end(), [](const ui::PhotoSlot& p) {
        return p.loading && (p.kind == "portrait" || p.kind == "id_front" || p.kind == "live");
    });
    const bool chipLoading = std::any_of(m_desk.photos.begin(), m_desk.photos.end(),
                                         [](const ui::PhotoSlot& p) { return p.loading && p.kind == "chip"; });
    f.faceRunning = m_desk.face.running || photosLoading || m_chipFaceRunning || chipLoading;
    auto signal = [this](const char* label) {
        auto it = m_faceSignals.find(label);
        return it == m_faceSignals.end() ? declarations::FaceSignal::NotChecked : it->second;
    };
    f.portraitIdcard = signal("portrait-idcard");
    f.liveTaken = m_desk.face.done;
    if (f.liveTaken) {
        f.portraitLive = signal("portrait-live");
        f.idcardLive = signal("idcard-live");
        f.liveness = m_desk.face.liveness;
    }
    f.officerDecisions = m_officerDecisions;
    f.chip = m_chip.finding();
    f.chipComparison = m_desk.chip.comparison;
    f.chipFace = std::any_of(m_desk.photos.begin(), m_desk.photos.end(), [](const ui::PhotoSlot& p) { return p.kind == "chip"; });
    f.chipPortrait = signal("chip-portrait");
    if (f.liveTaken) f.chipLive = signal("chip-live");
    return f;
}

void DeskController::updateChecklist() {
    if (!m_desk.declaration) {
        m_desk.checklist = {};
        m_desk.verdict = {};
        return;
    }
    const auto f = facts();
    m_desk.checklist = m_policy.evaluate(f);
    // An acknowledgement of an item that no longer asks for one is dropped.
    std::erase_if(m_desk.acknowledgements, [this](const declarations::Acknowledgement& a) {
        const auto* item = m_desk.checklist.find(a.item);
        return !item || item->severity != declarations::CheckSeverity::Acknowledge;
    });
    m_desk.verdict = m_policy.approval(m_desk.checklist, f, m_desk.acknowledgements, false);
}

void DeskController::refreshOutgoing() {
    if (!m_desk.declaration) return;
    m_nextOutgoingRefresh = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    const std::uint64_t generation = m_generation;
    m_store.post([this, dossier = m_desk.declaration->dossierNo, generation](StoreContext& ctx) {
        auto rows = ctx.outbox.listByDossier(dossier);
        auto refused = ctx.decisions.lastRefusal(dossier);
        std::vector<ui::OutgoingView> views;
        if (rows) {
            for (const auto& r : *rows) {
                views.push_back({std::string(notify::toString(r.channel)), r.state, r.lastError});
            }
        }
        std::optional<declarations::PortalRefusal> refusal = refused && *refused ? **refused : std::optional<declarations::PortalRefusal>();
        m_queue.post([this, generation, views = std::move(views), refusal = std::move(refusal)]() mutable {
            if (generation != m_generation) return;
            m_desk.outgoing = std::move(views);
            if (!m_desk.decided) return;
            if (refusal && refusal->idempotencyKey == m_decisionKey) {
                // The portal would not take this decision: the dossier is open again, nothing was
                // planned for the citizen, and the clerk is told what happened and what to do.
                m_desk.decided = false;
                m_desk.decidedOutcome.reset();
                m_desk.portalState.clear();
                m_desk.refusalKey = refusalKey(refusal->code);
                m_decisionKey.clear();
                if (m_desk.declaration) m_desk.declaration->status = declarations::DeclarationStatus::Pending;
                message(m_desk.refusalKey, {}, true);
                // Ask the portal again who holds the dossier: a lease conflict shows in the checklist.
                if (m_portal.hold && m_desk.declaration) m_portal.hold(m_desk.declaration->dossierNo, officer());
                updateChecklist();
                return;
            }
            for (const auto& o : m_desk.outgoing) {
                if (o.channel != "portal_decision") continue;
                // A row that failed without a refusal (a rejected token, an unreadable answer) or was
                // cancelled is not "waiting": the portal has not taken it and nobody will retry alone.
                using notify::OutboxState;
                const bool stopped =
                    o.state == OutboxState::Failed || o.state == OutboxState::Cancelled || o.state == OutboxState::Unknown;
                m_desk.portalState = o.state == OutboxState::Sent ? "accepted" : (stopped ? "failed" : "waiting");
            }
        });
    });
}

void DeskController::setLease(const std::string& dossierNo, declarations::LeaseState state, const std::string& leaseId,
                              const std::string& holder) {
    if (!m_desk.declaration || m_desk.declaration->dossierNo != dossierNo) return;
    m_desk.leaseState = state;
    m_desk.leaseHolder = holder;
    m_leaseId = leaseId;
    updateChecklist();
}

void DeskController::close() {
    resetDesk();
}

void DeskController::setPicture(const std::string& kind, ui::Picture picture) {
    for (auto& slot : m_desk.photos) {
        if (slot.kind == kind) slot.picture = picture;
    }
}

void DeskController::beforeFrame(ui::Picture camera, std::vector<std::array<float, 2>> outline) {
    m_desk.camera = std::move(camera);
    m_desk.qrOutline = std::move(outline);
    if (m_chip.enabled()) refreshChip();
    if (m_desk.decided && std::chrono::steady_clock::now() >= m_nextOutgoingRefresh) {
        const bool moving = m_desk.outgoing.empty() || m_desk.portalState == "waiting" ||
                            std::any_of(m_desk.outgoing.begin(), m_desk.outgoing.end(), [](const ui::OutgoingView& o) {
                                return o.state == notify::OutboxState::Queued || o.state == notify::OutboxState::Sending;
                            });
        if (moving) refreshOutgoing();
    }
}

void DeskController::printReceipt(const ui::LangCatalog& lang) {
    if (!m_desk.declaration || !m_desk.decided) return;
    const Declaration d = *m_desk.declaration;
    const std::uint64_t generation = m_generation;
    m_store.post([this, d, generation, &lang](StoreContext& ctx) {
        auto decided = ctx.decisions.findByDossier(d.dossierNo);
        m_queue.post([this, d, generation, &lang, decided = std::move(decided)] {
            if (generation != m_generation) return;
            if (!decided || !*decided) {
                message("receipt.failed", {{"detail", decided ? "no decision" : decided.error().message}}, true);
                return;
            }
            // The texts come from the UI thread's catalogue; the file is written off it.
            receipt::ReceiptData data = ReceiptPrinter::compose(m_config, lang, **decided, d);
            const std::filesystem::path path = ReceiptPrinter::defaultPath(m_config, d.dossierNo);
            // With a printer the receipt goes to it; without, the desktop's viewer opens the PDF.
            const bool printing = m_printer && m_printer->configured();
            m_cpu.post([this, data = std::move(data), path, generation, printing, dossier = d.dossierNo] {
                auto written = receipt::ReceiptWriter::writePdf(data, path);
                if (written && !printing) openWithDesktop(path);
                m_queue.post([this, written, path, generation, printing, dossier] {
                    if (generation != m_generation) return;
                    if (written) {
                        message("receipt.written", {{"path", path.string()}}, false);
                        if (printing) {
                            m_printer->submit(path, "receipt " + dossier, officer(), [this, generation](const ui::PrintStatus& s) {
                                if (generation == m_generation) m_desk.print = s;
                            });
                        }
                    } else {
                        message("receipt.failed", {{"detail", written.error().message}}, true);
                    }
                });
            });
        });
    });
}

void DeskController::refreshChip() {
    if (m_chip.poll()) useChipReading();
    m_desk.chip = m_chip.view();
}

void DeskController::useChipReading() {
    ++m_chipGeneration;
    m_chip.compareWith(m_desk.declaration);
    m_desk.chip = m_chip.view();
    std::erase_if(m_desk.photos, [](const ui::PhotoSlot& p) { return p.kind == "chip"; });
    std::erase_if(m_desk.face.pairs, [](const ui::FacePairView& p) { return p.label.rfind("chip-", 0) == 0; });
    std::erase_if(m_faceSignals, [](const auto& kv) { return kv.first.rfind("chip-", 0) == 0; });
    m_chipFaceBytes.clear();
    m_chipFaceEvidenceJson.clear();
    m_chipFaceRunning = m_chipFaceAgain = m_chipLiveScored = false;
    const auto reading = m_chip.reading();
    if (!m_desk.declaration || !reading || !reading->face) {
        updateChecklist();
        return;
    }
    // The chip's portrait sits before the live frame in the photo strip.
    auto live = std::find_if(m_desk.photos.begin(), m_desk.photos.end(), [](const ui::PhotoSlot& p) { return p.kind == "live"; });
    m_desk.photos.insert(live, ui::PhotoSlot{"chip", {}, true, ""});
    const std::uint64_t generation = m_generation;
    const std::uint64_t chipGeneration = m_chipGeneration;
    m_cpu.post([this, reading, generation, chipGeneration,
                maxPixels = static_cast<std::uint64_t>(m_config.images.maxPixels)] {
        PhotoFile photo = PhotoFile::fromBytes("chip", reading->face->data, maxPixels);
        m_queue.post([this, generation, chipGeneration, photo = std::move(photo)]() mutable {
            if (generation != m_generation || chipGeneration != m_chipGeneration) return;
            for (auto& slot : m_desk.photos) {
                if (slot.kind != "chip") continue;
                slot.loading = false;
                slot.errorKey = photo.errorKey;
            }
            if (!photo.rgba.empty()) {
                setPicture("chip", pictureOf(photo.rgba));
                m_chipFaceBytes = std::move(photo.bytes);
            }
            runChipFaceCheck();
            updateChecklist();
        });
    });
    updateChecklist();
}

void DeskController::runChipFaceCheck() {
    if (!m_faces || m_chipFaceBytes.empty() || m_portraitBytes.empty()) return;
    const bool withLive = !m_liveBytes.empty();
    if (m_chipFaceRunning) {
        m_chipFaceAgain = true;
        return;
    }
    // Scored once without the live frame, once more with it.
    if (!m_chipFaceEvidenceJson.empty() && (!withLive || m_chipLiveScored)) return;
    m_chipFaceRunning = true;
    m_chipFaceAgain = false;
    if (withLive) m_chipLiveScored = true;
    updateChecklist();
    // The worker's three-way check with the chip in the portrait's place and the portal's
    // portrait in the ID photo's: "portrait-idcard" is chip ↔ portal portrait, "portrait-live"
    // chip ↔ live frame (the chip stands in for the live frame before F6; that pair is dropped).
    face::ThreeWayInput input{m_chipFaceBytes, withLive ? m_liveBytes : m_chipFaceBytes, m_portraitBytes};
    const std::uint64_t generation = m_generation;
    const std::uint64_t chipGeneration = m_chipGeneration;
    m_faces->submit(std::move(input), [this, generation, chipGeneration, withLive](Result<face::FaceEvidence> evidence) {
        if (generation != m_generation || chipGeneration != m_chipGeneration) return;
        m_chipFaceRunning = false;
        if (!evidence) {
            log::warn("desk: chip face check failed: " + evidence.error().message);
        } else {
            std::vector<face::PairComparison> kept;
            for (auto p : evidence->pairs) {
                if (p.label == "portrait-idcard") {
                    p.label = "chip-portrait";
                } else if (p.label == "portrait-live" && withLive) {
                    p.label = "chip-live";
                } else {
                    continue;
                }
                kept.push_back(std::move(p));
            }
            evidence->pairs = kept;
            if (!withLive) evidence->liveLiveness.reset();
            std::erase_if(m_desk.face.pairs, [](const ui::FacePairView& p) { return p.label.rfind("chip-", 0) == 0; });
            for (const auto& p : kept) {
                m_desk.face.pairs.push_back({p.label, p.score, p.band, p.notes});
                m_faceSignals[p.label] = faceSignal(p.band);
            }
            m_chipFaceEvidenceJson = evidence->toJson();
        }
        if (m_chipFaceAgain) runChipFaceCheck();
        updateChecklist();
    });
}

} // namespace bhxh::app
