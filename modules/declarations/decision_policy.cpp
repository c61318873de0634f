#include "declarations/decision_policy.h"

#include "common/unicode_text.h"

#include <algorithm>
#include <cstdio>

namespace bhxh::declarations {
namespace {

using Sev = CheckSeverity;

ChecklistItem item(std::string id, Sev severity, std::string state, std::map<std::string, std::string> params = {}) {
    return {std::move(id), severity, std::move(state), std::move(params)};
}

/// Names that differ only in their marks (and case or spacing, which the comparison already
/// forgives): "Nguyen Van An" on a card printed without diacritics beside "Nguyễn Văn An".
bool differsOnlyInMarks(const FieldCheck& f) {
    const std::string a = text::foldForSearch(f.declared);
    const std::string b = text::foldForSearch(f.onCard);
    return !a.empty() && a == b;
}

ChecklistItem fieldItem(const FieldCheck& f, const std::string& prefix = "field.") {
    const std::string id = prefix + f.field;
    if (f.verdict == FieldVerdict::Match) return item(id, Sev::Ok, "ok");
    if (f.verdict == FieldVerdict::NotOnCard) return item(id, Sev::Info, "not_on_card");
    if (f.field == "address") return item(id, Sev::Acknowledge, "differs");
    if (f.field == "full_name" && differsOnlyInMarks(f)) return item(id, Sev::Acknowledge, "differs_marks");
    // Identity fields: ID number, BHXH code, date of birth, gender, a name that is another name.
    return item(id, Sev::Blocking, "fail");
}

ChecklistItem ruleItem(const RuleCheck& r) {
    const std::string id = "rule." + r.rule;
    if (!r.known) return item(id, Sev::Info, "unknown", r.params);
    if (r.ok) return item(id, Sev::Ok, "ok", r.params);
    // A minor's guardian data incomplete: the clerk may have the birth certificate in hand.
    if (r.rule == "guardian") return item(id, Sev::Acknowledge, "fail", r.params);
    return item(id, Sev::Blocking, "fail", r.params);
}

/// A face pair's finding. `required`: a photo the citizen had to give (portrait, ID card), or
/// the live frame where the office requires one; "no face" there needs a second officer.
ChecklistItem faceItem(const std::string& pair, FaceSignal signal, bool required) {
    const std::string id = "face." + pair;
    switch (signal) {
    case FaceSignal::Same: return item(id, Sev::Ok, "same");
    case FaceSignal::Review: return item(id, Sev::Acknowledge, "review");
    case FaceSignal::Different: return item(id, Sev::SecondOfficer, "different");
    case FaceSignal::NoFace: return item(id, required ? Sev::SecondOfficer : Sev::Acknowledge, "no_face");
    case FaceSignal::NotChecked: break;
    }
    return item(id, Sev::Acknowledge, "not_checked");
}

std::string twoDecimals(double v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

const std::map<std::string, std::vector<std::string>>& reasonTable() {
    static const std::map<std::string, std::vector<std::string>> table{
        {"field.full_name", {"card_without_marks", "typing_slip", "checked_on_card"}},
        {"field.address", {"moved", "card_old_address", "unit_renamed"}},
        {"rule.guardian", {"birth_certificate_seen", "guardian_present"}},
        {"face", {"checked_in_person", "photo_old", "photo_quality"}},
        {"live_photo", {"camera_unavailable", "checked_in_person"}},
        {"liveness", {"checked_in_person", "lighting"}},
        {"card", {"postal_submission", "card_checked_by_eye", "qr_unreadable"}},
    };
    return table;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

std::string_view severityName(CheckSeverity severity) {
    switch (severity) {
    case Sev::Ok: return "ok";
    case Sev::Info: return "info";
    case Sev::Acknowledge: return "acknowledge";
    case Sev::SecondOfficer: return "second_officer";
    case Sev::Blocking: return "blocking";
    }
    return "blocking";
}

const ChecklistItem* Checklist::find(const std::string& id) const {
    for (const auto& i : items) {
        if (i.id == id) return &i;
    }
    return nullptr;
}

const std::vector<std::string>& DecisionPolicy::ackReasons(const std::string& itemId) {
    static const std::vector<std::string> none;
    const auto& table = reasonTable();
    if (auto it = table.find(itemId); it != table.end()) return it->second;
    if (itemId.rfind("face.", 0) == 0) return table.at("face");
    // The chip's fields take the reasons of the same field on the QR.
    if (const std::string chip = "chip_field."; itemId.rfind(chip, 0) == 0) {
        if (auto it = table.find("field." + itemId.substr(chip.size())); it != table.end()) return it->second;
    }
    return none;
}

Checklist DecisionPolicy::evaluate(const DecisionFacts& facts) const {
    Checklist out;
    auto& items = out.items;

    // The card against the declaration.
    if (!facts.comparison) {
        items.push_back(item("card", Sev::Acknowledge, "not_scanned"));
    } else {
        for (const auto& f : facts.comparison->fields) items.push_back(fieldItem(f));
    }
    for (const auto& r : facts.rules) items.push_back(ruleItem(r));

    switch (facts.lease) {
    case LeaseState::Conflict: items.push_back(item("lease", Sev::Blocking, "conflict")); break;
    case LeaseState::Refused: items.push_back(item("lease", Sev::Blocking, "refused")); break;
    case LeaseState::Offline: items.push_back(item("lease", Sev::Info, "offline")); break;
    case LeaseState::Held: items.push_back(item("lease", Sev::Ok, "held")); break;
    case LeaseState::None: break;
    }

    // The chip: optional (no reader, no chip read) asks nothing; a chip whose signature could not
    // be checked is shown; a chip that is not genuine needs a supervisor (docs/chip.md).
    if (facts.chipComparison) {
        for (const auto& f : facts.chipComparison->fields) {
            if (f.verdict != FieldVerdict::NotOnCard) items.push_back(fieldItem(f, "chip_field."));
        }
    }
    switch (facts.chip.kind) {
    case ChipFinding::Kind::NotRead: break;
    case ChipFinding::Kind::Genuine: items.push_back(item("chip", Sev::Ok, "genuine")); break;
    case ChipFinding::Kind::ReadNotVerified: items.push_back(item("chip", Sev::Info, "not_verified")); break;
    case ChipFinding::Kind::NotGenuine:
        items.push_back(item("chip", Sev::SecondOfficer, "not_genuine",
                             {{"reason", facts.chip.reason.empty() ? "unknown" : facts.chip.reason}}));
        break;
    }

    // Faces: the portrait against the ID card's photo always; the live frame once F6 gave one.
    if (!facts.faceCheckAvailable) {
        items.push_back(item("face.portrait_idcard", Sev::Acknowledge, "unavailable"));
    } else if (facts.faceRunning) {
        items.push_back(item("face.running", Sev::Blocking, "running"));
    } else {
        items.push_back(faceItem("portrait_idcard", facts.portraitIdcard, true));
        if (facts.liveTaken) {
            items.push_back(faceItem("portrait_live", facts.portraitLive, m_config.requireLivePhoto));
            items.push_back(faceItem("idcard_live", facts.idcardLive, m_config.requireLivePhoto));
        }
        // The chip's portrait is signed by the state: "no face" on it, or a different person,
        // asks what the portrait and the ID photo ask.
        if (facts.chipFace) {
            items.push_back(faceItem("chip_portrait", facts.chipPortrait, true));
            if (facts.liveTaken) items.push_back(faceItem("chip_live", facts.chipLive, m_config.requireLivePhoto));
        }
    }
    if (!facts.liveTaken) {
        items.push_back(m_config.requireLivePhoto ? item("live_photo", Sev::Acknowledge, "missing")
                                                  : item("live_photo", Sev::Info, "optional"));
    } else if (facts.liveness && *facts.liveness < m_config.minLiveness) {
        items.push_back(item("liveness", Sev::Acknowledge, "low", {{"score", twoDecimals(*facts.liveness)}}));
    }

    // Without four-eyes at this office, what needs a second officer cannot be approved here.
    if (!m_config.fourEyes) {
        for (auto& i : items) {
            if (i.severity == Sev::SecondOfficer) i.severity = Sev::Blocking;
        }
    }
    return out;
}

ApprovalVerdict DecisionPolicy::approval(const Checklist& checklist, const DecisionFacts& facts,
                                         const std::vector<Acknowledgement>& acknowledgements,
                                         bool secondOfficerSigned) const {
    ApprovalVerdict v;
    bool anyAcknowledged = false;
    for (const auto& i : checklist.items) {
        if (i.severity == Sev::Blocking) v.blocking.push_back(i.id);
        if (i.severity == Sev::SecondOfficer) v.secondOfficerRequired = true;
        if (i.severity != Sev::Acknowledge) continue;
        const auto& reasons = ackReasons(i.id);
        const bool acknowledged = std::any_of(acknowledgements.begin(), acknowledgements.end(), [&](const Acknowledgement& a) {
            return a.item == i.id && contains(reasons, a.reason);
        });
        if (acknowledged) {
            anyAcknowledged = true;
        } else {
            v.unacknowledged.push_back(i.id);
        }
    }
    // An officer new to the desk does not approve over an acknowledged doubt alone.
    const bool newOfficer = !facts.officerDecisions || *facts.officerDecisions < m_config.newOfficerDecisions;
    if (anyAcknowledged && newOfficer) {
        if (m_config.fourEyes) {
            v.secondOfficerRequired = true;
        } else if (v.blocking.empty()) {
            v.blocking.push_back("officer.new");
        }
    }
    if (!v.blocking.empty()) {
        v.state = ApprovalVerdict::State::Blocked;
    } else if (!v.unacknowledged.empty()) {
        v.state = ApprovalVerdict::State::NeedsAcknowledgement;
    } else if (v.secondOfficerRequired && !secondOfficerSigned) {
        v.state = ApprovalVerdict::State::NeedsSecondOfficer;
    }
    return v;
}

} // namespace bhxh::declarations
