#include "app/desk_controller.h"

#include "common/calendar_date.h"
#include "common/local_time.h"
#include "common/log.h"
#include "common/unicode_text.h"
#include "declarations/card_comparison.h"
#include "declarations/declaration_rules.h"
#include "declarations/rfc3339.h"
#include "idcard/card_parser.h"

#include <algorithm>

namespace bhxh::app {

using declarations::Declaration;

DeskController::DeskController(const AppConfig& config, MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu,
                               face::FaceWorker* faces, std::string faceError)
    : m_config(config), m_queue(queue), m_store(store),
      m_lookup(config.desk.officeCode, queue, store),
      m_face(config, queue, store, cpu, faces, std::move(faceError), m_state, [this] { updateChecklist(); }),
      m_decision(queue, store, cpu, m_state, m_policy),
      m_receipt(config, queue, store, cpu, m_state),
      m_chip(config.chip) {
    m_state.view.chip = m_chip.view();
    m_decision.setReopened([this] {
        // Ask the portal again who holds the dossier: a lease conflict shows in the checklist.
        if (m_portal.hold && m_state.view.declaration) m_portal.hold(m_state.view.declaration->dossierNo, officer());
        updateChecklist();
    });
}

void DeskController::faceCheckUnavailable(std::string error) {
    m_face.unavailable(std::move(error));
    updateChecklist();
}

void DeskController::setPortal(PortalHooks hooks) {
    m_portal = std::move(hooks);
    m_lookup.setRemote(m_portal.lookup);
    m_decision.setPush(m_portal.pushDecision);
}

void DeskController::setAccess(AuthorizeFn authorize, ConfirmOfficerFn confirm, AuditNoteFn note) {
    m_authorize = std::move(authorize);
    m_decision.setConfirm(std::move(confirm));
    m_note = std::move(note);
}

void DeskController::setPolicy(declarations::DecisionPolicy policy) {
    m_policy = policy;
    updateChecklist();
}

std::string DeskController::officer() const {
    if (!m_authorize) return "";
    auto who = m_authorize("decide");
    return who ? *who : "";
}

DeskLookup::Wanted DeskController::wanted() const {
    return [this, generation = m_state.generation] { return m_state.current(generation); };
}

void DeskController::onScan(const scan::ScanEvent& event) {
    auto& view = m_state.view;
    const bool undecided = view.declaration && !view.decided;
    if (!undecided) {
        open(event);
        return;
    }
    // A dossier is open and undecided: the card does not replace it. The same card again
    // changes nothing; another card waits, and the decision panel is disarmed until the clerk
    // says which dossier is meant.
    auto parsed = idcard::parseCard(event.text, CalendarDate::todayLocal());
    if (parsed && view.card && declarations::lookupKey(*parsed) == declarations::lookupKey(*view.card) &&
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
    view.incoming = std::move(incoming);
    updateChecklist();
}

void DeskController::openIncoming() {
    if (m_incoming) {
        const scan::ScanEvent event = *m_incoming;
        open(event);
        return;
    }
    if (m_state.view.declaration && m_state.view.decided) resetDesk();
}

void DeskController::keepCurrent() {
    m_incoming.reset();
    m_state.view.incoming.reset();
    updateChecklist();
}

void DeskController::resetDesk() {
    ++m_state.generation;
    if (m_portal.release && m_state.view.declaration) m_portal.release();
    const ui::Picture camera = m_state.view.camera;
    m_state.view = ui::DeskSnapshot{};
    m_state.view.camera = camera;
    m_incoming.reset();
    m_officerDecisions.reset();
    m_leaseId.clear();
    m_face.clear();
    m_decision.clear();
    m_chip.clear();
    m_state.view.chip = m_chip.view();
}

void DeskController::open(const scan::ScanEvent& event) {
    auto parsed = idcard::parseCard(event.text, CalendarDate::todayLocal());
    // Nothing undecided is on screen here (onScan), so nothing stays armed: the desk empties.
    resetDesk();
    auto& view = m_state.view;
    if (!parsed || parsed->kind == idcard::CardKind::Unknown) {
        view.phase = ui::DeskSnapshot::Phase::NotFound;
        if (!parsed) {
            m_state.message("desk.card_invalid", {{"detail", parsed.error().message}}, true);
        } else {
            m_state.message("desk.card_unknown", {}, true);
        }
        return;
    }
    const std::string number = declarations::lookupKey(*parsed);
    view.card = std::move(parsed).value();
    m_chip.onCard(view.card);  // a CCCD: "place the card on the reader"
    view.cardOrigin = event.origin == scan::ScanOrigin::Camera ? "camera" : "wedge";
    view.phase = ui::DeskSnapshot::Phase::Looking;
    m_lookup.byCard(number, wanted(), [this](DeskLookup::Outcome outcome) { found(std::move(outcome)); });
}

void DeskController::openDossier(const std::string& dossierNo) {
    auto& view = m_state.view;
    const auto card = view.card;
    // Another open declaration of the card on the desk keeps the card (and the rest beside it).
    const bool keepCard = card && view.declaration &&
                          std::any_of(view.alternatives.begin(), view.alternatives.end(),
                                      [&](const Declaration& a) { return a.dossierNo == dossierNo; });
    std::vector<Declaration> alternatives;
    if (keepCard) {
        alternatives = view.alternatives;
        alternatives.push_back(*view.declaration);
    }
    resetDesk();
    if (keepCard) {
        m_state.view.card = card;
        m_chip.onCard(card);
    }
    m_state.view.cardOrigin = keepCard ? "camera" : "queue";
    m_state.view.phase = ui::DeskSnapshot::Phase::Looking;
    m_lookup.byDossier(dossierNo, std::move(alternatives), wanted(),
                       [this](DeskLookup::Outcome outcome) { found(std::move(outcome)); });
}

void DeskController::found(DeskLookup::Outcome outcome) {
    if (!outcome.found) {
        m_state.view.phase = ui::DeskSnapshot::Phase::NotFound;
        m_state.message(std::move(outcome.messageKey), std::move(outcome.params), true);
        return;
    }
    show(std::move(*outcome.found), std::move(outcome.alternatives));
}

void DeskController::show(Declaration d, std::vector<Declaration> alternatives) {
    const auto now = std::chrono::system_clock::now();
    auto& view = m_state.view;
    view.phase = ui::DeskSnapshot::Phase::Open;
    view.messageKey.clear();
    if (view.card) view.comparison = declarations::compareWithCard(d, *view.card);
    view.rules = declarations::checkRules(d, now, {});
    view.daysLeft = declarations::daysLeft(d, now);
    if (const auto expires = declarations::parseRfc3339(d.expiresAt)) view.deadline = formatLocalDate(*expires);
    view.alternatives = std::move(alternatives);
    m_leaseId.clear();
    view.declaration = d;
    if (m_note) m_note("open_declaration", d.dossierNo, view.cardOrigin);
    if (m_portal.hold) m_portal.hold(d.dossierNo, officer());
    m_face.load(d);
    if (m_chip.reading()) useChipReading();  // the chip was read while the dossier was looked up

    // The local half of the contact rules, and whether the dossier was decided here already.
    const std::uint64_t generation = m_state.generation;
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
            if (!m_state.current(generation)) return;
            m_state.view.rules = declarations::checkRules(d, now, use);
            if (count) m_officerDecisions = *count;
            checkContactsOnPortal(d, now, use, generation);
            std::optional<declarations::Decision> earlier;
            if (decided && *decided) earlier = **decided;
            std::optional<std::string> refusedCode;
            if (refused && *refused) refusedCode = (*refused)->code;
            m_decision.restore(earlier, refusedCode);
            updateChecklist();
        });
    });
}

void DeskController::checkContactsOnPortal(const Declaration& d, std::chrono::system_clock::time_point now,
                                           declarations::ContactUse local, std::uint64_t generation) {
    if (!m_portal.contactCheck) return;
    m_portal.contactCheck(d.phone, d.email.value_or(""), d.bhxhCode,
                          [this, d, now, local, generation](Result<declarations::ContactCheck> answer) {
        m_queue.post([this, d, now, local, generation, answer = std::move(answer)] {
            if (!m_state.current(generation)) return;
            if (!answer) {
                // The rule stays "not checked" (or the local answer); the clerk sees why in the log.
                log::warn("desk: contact check failed: " + answer.error().describe());
                return;
            }
            declarations::ContactUse merged = local;
            merged.phoneUsedByOther = local.phoneUsedByOther.value_or(false) || answer->phoneInUseBy.has_value();
            merged.emailUsedByOther = answer->emailInUseBy.has_value();
            m_state.view.rules = declarations::checkRules(d, now, merged);
            updateChecklist();
        });
    });
}

void DeskController::captureLive(const cv::Mat& bgr) {
    if (!m_state.view.declaration || m_state.view.decided) return;
    m_face.captureLive(bgr);
}

void DeskController::decide(const std::string& reasonCode, const std::string& reasonText,
                            const std::string& secondOfficer, const std::string& secondPassword) {
    const auto& view = m_state.view;
    if (!view.declaration || view.deciding || view.decided) return;
    if (view.incoming) {
        // A new card waits: the clerk must say which dossier is meant before deciding anything.
        m_state.message("desk.incoming_disarmed", {}, true);
        return;
    }
    auto who = m_authorize ? m_authorize("decide") : Result<std::string>(makeError("security.denied", "no officer"));
    if (!who) {
        m_state.message("decision.denied", {{"detail", who.error().message}}, true);
        return;
    }
    declarations::DecisionRequest decision;
    decision.declaration = *view.declaration;
    decision.outcome = reasonCode.empty() ? declarations::DecisionOutcome::Approved : declarations::DecisionOutcome::Rejected;
    decision.reasonCode = reasonCode;
    decision.reasonText = reasonText;
    decision.officerId = *who;
    decision.leaseId = m_leaseId;
    decision.officeName = m_config.desk.officeName;
    m_face.fillChecks(decision.checks);
    decision.checks.fieldsMatched = view.comparison.matchedFields();
    decision.checks.cardScanned = view.card ? (view.card->kind == idcard::CardKind::Cccd ? "cccd" : "bhyt") : "none";
    decision.checks.walkIn = view.cardOrigin == "camera" || view.cardOrigin == "wedge";
    if (auto read = m_chip.reading()) {
        decision.checks.chipVerdict = chip::ChipVerdict::kindName(read->verdict.kind);
        decision.checks.chipReason = read->verdict.kind == chip::ChipVerdictKind::NotGenuine ? read->verdict.reason : "";
        decision.checks.chipDsFingerprint = read->verdict.dsFingerprint;
    }
    decision.facts = facts();
    decision.acknowledgements = view.acknowledgements;
    m_decision.submit(std::move(decision), secondOfficer, secondPassword);
}

void DeskController::acknowledge(const std::string& item, const std::string& reason) {
    auto& view = m_state.view;
    if (!view.declaration || view.decided || view.deciding) return;
    std::erase_if(view.acknowledgements, [&](const declarations::Acknowledgement& a) { return a.item == item; });
    const auto& reasons = declarations::DecisionPolicy::ackReasons(item);
    if (!reason.empty() && std::find(reasons.begin(), reasons.end(), reason) != reasons.end()) {
        view.acknowledgements.push_back({item, reason});
        if (m_note) m_note("acknowledge", view.declaration->dossierNo, item + ":" + reason);
    }
    updateChecklist();
}

declarations::DecisionFacts DeskController::facts() const {
    const auto& view = m_state.view;
    declarations::DecisionFacts f;
    if (view.card) f.comparison = view.comparison;
    f.rules = view.rules;
    f.lease = view.leaseState;
    m_face.fillFacts(f);
    f.officerDecisions = m_officerDecisions;
    f.chip = m_chip.finding();
    f.chipComparison = view.chip.comparison;
    return f;
}

void DeskController::updateChecklist() {
    auto& view = m_state.view;
    if (!view.declaration) {
        view.checklist = {};
        view.verdict = {};
        return;
    }
    const auto f = facts();
    view.checklist = m_policy.evaluate(f);
    // An acknowledgement of an item that no longer asks for one is dropped.
    std::erase_if(view.acknowledgements, [&view](const declarations::Acknowledgement& a) {
        const auto* item = view.checklist.find(a.item);
        return !item || item->severity != declarations::CheckSeverity::Acknowledge;
    });
    view.verdict = m_policy.approval(view.checklist, f, view.acknowledgements, false);
}

void DeskController::setLease(const std::string& dossierNo, declarations::LeaseState state, const std::string& leaseId,
                              const std::string& holder) {
    auto& view = m_state.view;
    if (!view.declaration || view.declaration->dossierNo != dossierNo) return;
    view.leaseState = state;
    view.leaseHolder = holder;
    m_leaseId = leaseId;
    updateChecklist();
}

void DeskController::beforeFrame(ui::Picture camera, std::vector<std::array<float, 2>> outline) {
    m_state.view.camera = std::move(camera);
    m_state.view.qrOutline = std::move(outline);
    if (m_chip.enabled()) refreshChip();
    m_decision.poll();
}

void DeskController::refreshChip() {
    if (m_chip.poll()) useChipReading();
    m_state.view.chip = m_chip.view();
}

void DeskController::useChipReading() {
    m_chip.compareWith(m_state.view.declaration);
    m_state.view.chip = m_chip.view();
    const auto reading = m_chip.reading();
    if (m_state.view.declaration && reading && reading->face) {
        // The portrait stays inside the reading; the face check holds the reading while it decodes.
        m_face.setChipPortrait(std::shared_ptr<const std::vector<std::uint8_t>>(reading, &reading->face->data));
    } else {
        m_face.setChipPortrait(nullptr);
    }
    updateChecklist();
}

} // namespace bhxh::app
