#include "ui/decision_panel.h"

#include "ui/escape_key.h"
#include "ui/keys.h"

#include <imgui.h>

#include <cstring>

namespace bhxh::ui {
namespace {

using declarations::CheckSeverity;
using declarations::ChecklistItem;
using declarations::DecisionPolicy;

const ImVec4 kApprove(0.16f, 0.55f, 0.27f, 1.0f);
const ImVec4 kReject(0.75f, 0.20f, 0.18f, 1.0f);
const ImVec4 kWarn(0.72f, 0.42f, 0.02f, 1.0f);
const ImVec4 kGood(0.16f, 0.55f, 0.27f, 1.0f);
const ImVec4 kBad(0.78f, 0.18f, 0.16f, 1.0f);
constexpr int kMaxAckKeys = 9;

void wipe(char* buffer, std::size_t size) {
    // The second officer's password must not linger in the UI's memory longer than needed.
    volatile char* p = buffer;
    for (std::size_t i = 0; i < size; ++i) p[i] = 0;
}

ImVec4 severityColor(CheckSeverity s) {
    switch (s) {
    case CheckSeverity::Ok: return kGood;
    case CheckSeverity::Info: return ImVec4(0.40f, 0.40f, 0.40f, 1.0f);
    case CheckSeverity::Acknowledge:
    case CheckSeverity::SecondOfficer: return kWarn;
    case CheckSeverity::Blocking: return kBad;
    }
    return kBad;
}

const declarations::Acknowledgement* ackOf(const DeskSnapshot& desk, const std::string& item) {
    for (const auto& a : desk.acknowledgements) {
        if (a.item == item) return &a;
    }
    return nullptr;
}

/// The acknowledgeable items in display order: Alt+1 is the first, Alt+2 the second, …
std::vector<const ChecklistItem*> ackItems(const DeskSnapshot& desk) {
    std::vector<const ChecklistItem*> out;
    for (const auto& i : desk.checklist.items) {
        if (i.severity == CheckSeverity::Acknowledge) out.push_back(&i);
    }
    return out;
}

/// Opens the modal `id` when `open` is set (and clears it); true while the modal is shown (the
/// caller then ends it with ImGui::EndPopup).
bool beginModal(bool& open, const char* id, const char* title) {
    if (open) {
        ImGui::OpenPopup(id);
        open = false;
    }
    const std::string label = std::string(title) + id;
    return ImGui::BeginPopupModal(label.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize);
}

enum class PopupAnswer { None, Confirmed, Cancelled };

/// The row every dialog ends with: "<confirm> (Enter)" (disabled until `ready`) and
/// "Cancel (Esc)". Esc cancels (the top-most overlay takes it); Enter confirms when ready and
/// `enterAllowed` (not the Enter that ends a handheld scanner's burst).
PopupAnswer confirmRow(const LangCatalog& lang, const char* confirmKey, bool ready, bool enterAllowed) {
    ImGui::BeginDisabled(!ready);
    const std::string confirm = std::string(lang.tr(confirmKey)) + " (Enter)";
    const bool confirmed =
        ImGui::Button(confirm.c_str()) || (ready && enterAllowed && ImGui::IsKeyPressed(keys::Enter, false));
    ImGui::EndDisabled();
    ImGui::SameLine();
    const std::string cancel = std::string(lang.tr("common.cancel")) + " (Esc)";
    if (ImGui::Button(cancel.c_str()) || EscapeKey::take()) return PopupAnswer::Cancelled;
    return confirmed ? PopupAnswer::Confirmed : PopupAnswer::None;
}

/// Radio buttons "1. …" for `labels`; a digit key (without Alt) picks one too.
void numberedChoice(const std::vector<std::string>& labels, int& chosen, std::size_t max) {
    for (std::size_t i = 0; i < labels.size() && i < max; ++i) {
        const std::string label = std::to_string(i + 1) + ". " + labels[i];
        if (ImGui::RadioButton(label.c_str(), chosen == static_cast<int>(i))) chosen = static_cast<int>(i);
        const ImGuiIO& io = ImGui::GetIO();
        if (!io.KeyAlt && !io.WantTextInput && ImGui::IsKeyPressed(keys::Digit1 + static_cast<int>(i), false)) {
            chosen = static_cast<int>(i);
        }
    }
}

} // namespace

std::string checklistText(const ChecklistItem& item, const DeskSnapshot& desk, const LangCatalog& lang) {
    const std::string& id = item.id;
    auto after = [&id](std::string_view prefix) { return id.substr(prefix.size()); };
    if (id.rfind("field.", 0) == 0) {
        return lang.format("check.field." + item.state, {{"field", lang.tr(id)}});
    }
    if (id.rfind("chip_field.", 0) == 0) {
        return lang.format("check.chip_field." + item.state, {{"field", lang.tr("field." + after("chip_field."))}});
    }
    if (id.rfind("rule.", 0) == 0) {
        return lang.formatMap("rule." + after("rule.") + "." + item.state, item.params);
    }
    if (id == "face.running") return lang.tr("check.face.running");
    if (id.rfind("face.", 0) == 0) {
        return lang.format("check.face." + item.state, {{"pair", lang.tr("face.pair." + after("face."))}});
    }
    if (id == "lease") return lang.format("check.lease." + item.state, {{"desk", desk.leaseHolder}});
    if (id == "chip" && item.params.count("reason")) {
        return lang.format("check.chip." + item.state, {{"reason", lang.tr("chip.reason." + item.params.at("reason"))}});
    }
    return lang.formatMap("check." + id + "." + item.state, item.params);
}

const std::vector<std::string>& DecisionPanel::reasonCodes() {
    static const std::vector<std::string> codes{"photo_mismatch", "id_mismatch",    "name_no_diacritics",
                                                "bhxh_code_wrong", "phone_in_use",  "email_in_use",
                                                "image_unreadable", "guardian_invalid", "other"};
    return codes;
}

void DecisionPanel::reset() {
    m_openReject = false;
    m_openFourEyes = false;
    m_openConfirm = false;
    m_openAck = false;
    m_showWhyNot = false;
    m_ackItem.clear();
    m_ackReason = -1;
    m_reason = -1;
    m_sent = false;
    wipe(m_reasonText, sizeof m_reasonText);
    wipe(m_secondId, sizeof m_secondId);
    wipe(m_secondPassword, sizeof m_secondPassword);
}

void DecisionPanel::send(const std::string& code, const std::string& text) {
    if (m_sent || !m_commands.decide) return;
    m_sent = true;
    m_showWhyNot = false;
    m_commands.decide(code, text, m_secondId, m_secondPassword);
    wipe(m_secondPassword, sizeof m_secondPassword);
}

void DecisionPanel::drawChecklist(const DeskSnapshot& desk, const LangCatalog& lang, bool keysActive) {
    ImGui::TextUnformatted(lang.tr("check.title"));
    const auto acks = ackItems(desk);
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::PushTextWrapPos(0.0f);
    for (const auto& item : desk.checklist.items) {
        const auto* ack = ackOf(desk, item.id);
        ImVec4 color = severityColor(item.severity);
        if (ack) color = kGood;
        ImGui::Bullet();
        ImGui::SameLine();
        std::string line = checklistText(item, desk, lang);
        if (item.severity == CheckSeverity::Acknowledge) {
            int index = 0;
            for (std::size_t k = 0; k < acks.size(); ++k) {
                if (acks[k] == &item) index = static_cast<int>(k) + 1;
            }
            if (ack) {
                line += " — " + lang.format("check.acknowledged", {{"reason", lang.tr("ack_reason." + ack->reason)}});
            } else {
                line += " — " + std::string(lang.tr("check.needs_ack"));
            }
            if (index > 0 && index <= kMaxAckKeys) {
                line += "  (Alt+" + std::to_string(index) + ")";
                if (keysActive && !desk.decided && io.KeyAlt && ImGui::IsKeyPressed(keys::Digit1 + index - 1, false)) {
                    m_ackItem = item.id;
                    m_ackReason = -1;
                    m_openAck = true;
                }
            }
        } else if (item.severity == CheckSeverity::SecondOfficer) {
            line += " — " + std::string(lang.tr("check.needs_second_officer"));
        }
        ImGui::TextColored(color, "%s", line.c_str());
    }
    ImGui::PopTextWrapPos();
}

void DecisionPanel::drawWhyNot(const DeskSnapshot& desk, const LangCatalog& lang) {
    using State = declarations::ApprovalVerdict::State;
    const auto& v = desk.verdict;
    if (!m_showWhyNot || v.state == State::Ready) return;
    ImGui::PushTextWrapPos(0.0f);
    if (v.state == State::Blocked) {
        ImGui::TextColored(kBad, "%s", lang.tr("decision.why_blocked"));
        for (const auto& id : v.blocking) {
            const auto* item = desk.checklist.find(id);
            const std::string text = item ? checklistText(*item, desk, lang) : std::string(lang.tr("check." + id + ".fail"));
            ImGui::TextColored(kBad, "  – %s", text.c_str());
        }
    } else if (v.state == State::NeedsAcknowledgement) {
        ImGui::TextColored(kWarn, "%s", lang.tr("decision.why_acknowledge"));
        for (const auto& id : v.unacknowledged) {
            if (const auto* item = desk.checklist.find(id)) {
                ImGui::TextColored(kWarn, "  – %s", checklistText(*item, desk, lang).c_str());
            }
        }
    }
    ImGui::PopTextWrapPos();
}

void DecisionPanel::draw(const DeskSnapshot& desk, const LangCatalog& lang, bool keysActive, bool scannerTyping) {
    using State = declarations::ApprovalVerdict::State;
    m_scannerTyping = scannerTyping;
    if (!desk.refusalKey.empty() && !desk.decided) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.98f, 0.86f, 0.84f, 1.0f));
        ImGui::BeginChild("##refused", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 3.2f), true);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kBad, "%s", lang.tr(desk.refusalKey));
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    if (desk.decided) {
        m_sent = false;
        const std::string state = desk.portalState == "accepted" || desk.portalState == "failed" ? desk.portalState : "waiting";
        const auto outcome = desk.decidedOutcome.value_or(declarations::DecisionOutcome::Approved);
        ImGui::TextColored(outcome == declarations::DecisionOutcome::Approved ? kApprove : kReject, "%s",
                           lang.tr("decision.done." + std::string(declarations::toString(outcome)) + "." + state));
        if (m_commands.printReceipt) {
            ImGui::SameLine();
            const std::string label = std::string(lang.tr("decision.print_receipt")) + "  (F7)###receipt";
            if (ImGui::SmallButton(label.c_str()) || (keysActive && ImGui::IsKeyPressed(keys::F7, false))) {
                m_commands.printReceipt();
            }
        }
        ImGui::TextDisabled("%s", lang.tr("decision.next_hint"));
        return;
    }
    drawChecklist(desk, lang, keysActive);
    ImGui::Separator();
    if (!desk.deciding && m_sent && !desk.messageKey.empty() && desk.messageIsError) m_sent = false;  // failed: may try again
    const bool busy = desk.deciding || m_sent;
    const bool disarmed = desk.incoming.has_value();

    ImGui::BeginDisabled(busy || disarmed);
    ImGui::PushStyleColor(ImGuiCol_Button, kApprove);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const std::string approve = std::string(lang.tr("decision.approve")) + "  (F8)###approve";
    const bool approvePressed = ImGui::Button(approve.c_str(), ImVec2(ImGui::GetFontSize() * 11, 0)) ||
                                (keysActive && ImGui::IsKeyPressed(keys::F8, false));
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Button, kReject);
    ImGui::SameLine();
    const std::string reject = std::string(lang.tr("decision.reject")) + "  (F9)###reject";
    const bool rejectPressed = ImGui::Button(reject.c_str(), ImVec2(ImGui::GetFontSize() * 11, 0)) ||
                               (keysActive && ImGui::IsKeyPressed(keys::F9, false));
    ImGui::PopStyleColor(2);
    ImGui::EndDisabled();
    if (busy) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", lang.tr("decision.recording"));
    }
    if (!busy && !disarmed && approvePressed) {
        switch (desk.verdict.state) {
        case State::Ready: m_openConfirm = true; break;
        case State::NeedsSecondOfficer: m_openFourEyes = true; break;
        case State::Blocked:
        case State::NeedsAcknowledgement: m_showWhyNot = true; break;
        }
    }
    if (desk.verdict.state == State::Ready) m_showWhyNot = false;
    if (desk.verdict.state == State::NeedsSecondOfficer) {
        ImGui::TextColored(kWarn, "%s", lang.tr("decision.four_eyes_needed"));
    }
    drawWhyNot(desk, lang);
    if (!busy && !disarmed && rejectPressed) {
        m_openReject = true;
        m_reason = -1;
    }
    drawConfirmPopup(desk, lang);
    drawAckPopup(desk, lang);
    drawRejectPopup(lang);
    drawFourEyesPopup(lang);
}

void DecisionPanel::drawConfirmPopup(const DeskSnapshot& desk, const LangCatalog& lang) {
    if (!beginModal(m_openConfirm, "###confirm-approve", lang.tr("decision.confirm_title"))) return;
    const auto& d = *desk.declaration;
    ImGui::TextUnformatted(lang.format("decision.confirm_line", {{"name", d.fullName}, {"dossier", d.dossierNo}}).c_str());
    ImGui::PushStyleColor(ImGuiCol_Button, kApprove);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const PopupAnswer answer = confirmRow(lang, "decision.approve", true, !m_scannerTyping);
    ImGui::PopStyleColor(2);
    // The verdict may have changed while the popup was open (a late check): then nothing is sent.
    const bool stillReady = desk.verdict.ready() && !desk.incoming;
    if (answer == PopupAnswer::Cancelled || !stillReady) {
        ImGui::CloseCurrentPopup();
    } else if (answer == PopupAnswer::Confirmed) {
        send("", "");
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void DecisionPanel::drawAckPopup(const DeskSnapshot& desk, const LangCatalog& lang) {
    if (!beginModal(m_openAck, "###acknowledge", lang.tr("check.ack_title"))) return;
    const auto* item = desk.checklist.find(m_ackItem);
    if (!item || item->severity != CheckSeverity::Acknowledge) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::TextColored(kWarn, "%s", checklistText(*item, desk, lang).c_str());
    const auto& reasons = DecisionPolicy::ackReasons(item->id);
    std::vector<std::string> labels;
    for (const auto& r : reasons) labels.emplace_back(lang.tr("ack_reason." + r));
    numberedChoice(labels, m_ackReason, kMaxAckKeys);
    const PopupAnswer answer = confirmRow(lang, "check.ack_confirm", m_ackReason >= 0, !m_scannerTyping);
    if (answer == PopupAnswer::Cancelled) {
        ImGui::CloseCurrentPopup();
    } else if (answer == PopupAnswer::Confirmed && m_commands.acknowledge) {
        m_commands.acknowledge(item->id, reasons[static_cast<std::size_t>(m_ackReason)]);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void DecisionPanel::drawRejectPopup(const LangCatalog& lang) {
    if (!beginModal(m_openReject, "###reject-reason", lang.tr("decision.reject_title"))) return;
    const auto& codes = reasonCodes();
    std::vector<std::string> labels;
    for (const auto& c : codes) labels.emplace_back(lang.tr("reason." + c));
    numberedChoice(labels, m_reason, codes.size());
    const bool other = m_reason >= 0 && codes[static_cast<std::size_t>(m_reason)] == "other";
    if (other) {
        ImGui::TextUnformatted(lang.tr("decision.reason_text"));
        if (ImGui::IsWindowAppearing() || ImGui::IsItemDeactivated()) ImGui::SetKeyboardFocusHere();
        ImGui::InputText("##reason-text", m_reasonText, sizeof m_reasonText);
    }
    const PopupAnswer answer =
        confirmRow(lang, "decision.confirm_reject", m_reason >= 0 && (!other || std::strlen(m_reasonText) > 0),
                   other || !m_scannerTyping);
    if (answer == PopupAnswer::Cancelled) {
        ImGui::CloseCurrentPopup();
    } else if (answer == PopupAnswer::Confirmed) {
        send(codes[static_cast<std::size_t>(m_reason)], other ? m_reasonText : "");
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void DecisionPanel::drawFourEyesPopup(const LangCatalog& lang) {
    if (!beginModal(m_openFourEyes, "###four-eyes", lang.tr("decision.four_eyes_title"))) return;
    ImGui::TextWrapped("%s", lang.tr("decision.four_eyes_hint"));
    // The fields have a visible frame and border on the console's light style (gui_app.cpp).
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputText(lang.tr("login.officer_id"), m_secondId, sizeof m_secondId);
    ImGui::InputText(lang.tr("login.password"), m_secondPassword, sizeof m_secondPassword, ImGuiInputTextFlags_Password);
    const PopupAnswer answer =
        confirmRow(lang, "decision.approve", std::strlen(m_secondId) > 0 && std::strlen(m_secondPassword) > 0, true);
    if (answer == PopupAnswer::Cancelled) {
        wipe(m_secondPassword, sizeof m_secondPassword);
        ImGui::CloseCurrentPopup();
    } else if (answer == PopupAnswer::Confirmed) {
        send("", "");
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace bhxh::ui
