#include "ui/decision_panel.h"

#include "ui/keys.h"

#include <imgui.h>

#include <cstring>

namespace bhxh::ui {
namespace {

const ImVec4 kApprove(0.16f, 0.55f, 0.27f, 1.0f);
const ImVec4 kReject(0.75f, 0.20f, 0.18f, 1.0f);

void wipe(char* buffer, std::size_t size) {
    // The second officer's password must not linger in the UI's memory longer than needed.
    volatile char* p = buffer;
    for (std::size_t i = 0; i < size; ++i) p[i] = 0;
}

} // namespace

const std::vector<std::string>& DecisionPanel::reasonCodes() {
    static const std::vector<std::string> codes{"photo_mismatch", "id_mismatch",    "name_no_diacritics",
                                                "bhxh_code_wrong", "phone_in_use",  "email_in_use",
                                                "image_unreadable", "guardian_invalid", "other"};
    return codes;
}

void DecisionPanel::reset() {
    m_openReject = false;
    m_openFourEyes = false;
    m_reason = -1;
    m_sent = false;
    wipe(m_reasonText, sizeof m_reasonText);
    wipe(m_secondId, sizeof m_secondId);
    wipe(m_secondPassword, sizeof m_secondPassword);
}

void DecisionPanel::send(const std::string& code, const std::string& text) {
    if (m_sent || !m_commands.decide) return;
    m_sent = true;
    m_commands.decide(code, text, m_secondId, m_secondPassword);
    wipe(m_secondPassword, sizeof m_secondPassword);
}

void DecisionPanel::draw(const DeskSnapshot& desk, const LangCatalog& lang, bool fourEyes, bool keysActive) {
    if (desk.decided) {
        m_sent = false;
        ImGui::TextColored(desk.decidedOutcome == "approved" ? kApprove : kReject, "%s",
                           lang.tr("decision.done." + desk.decidedOutcome));
        if (m_commands.printReceipt) {
            ImGui::SameLine();
            const std::string label = std::string(lang.tr("decision.print_receipt")) + "  (F7)###receipt";
            if (ImGui::SmallButton(label.c_str()) || (keysActive && ImGui::IsKeyPressed(keys::F7, false))) {
                m_commands.printReceipt();
            }
        }
        return;
    }
    if (!desk.deciding && m_sent && !desk.messageKey.empty() && desk.messageIsError) m_sent = false;  // failed: may try again
    const bool busy = desk.deciding || m_sent;
    const bool needFourEyes = fourEyes && desk.face.needsSecondOfficer();

    ImGui::BeginDisabled(busy);
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
    if (needFourEyes) ImGui::TextColored(ImVec4(0.8f, 0.5f, 0.1f, 1), "%s", lang.tr("decision.four_eyes_needed"));

    if (!busy && approvePressed) {
        if (needFourEyes) {
            m_openFourEyes = true;
        } else {
            send("", "");
        }
    }
    if (!busy && rejectPressed) {
        m_openReject = true;
        m_reason = -1;
    }
    drawRejectPopup(lang);
    drawFourEyesPopup(lang);
}

void DecisionPanel::drawRejectPopup(const LangCatalog& lang) {
    const char* id = "###reject-reason";
    if (m_openReject) {
        ImGui::OpenPopup(id);
        m_openReject = false;
    }
    const std::string title = std::string(lang.tr("decision.reject_title")) + id;
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const auto& codes = reasonCodes();
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const std::string label = std::to_string(i + 1) + ". " + lang.tr("reason." + codes[i]);
        if (ImGui::RadioButton(label.c_str(), m_reason == static_cast<int>(i))) m_reason = static_cast<int>(i);
        if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed('1' + static_cast<int>(i), false)) m_reason = static_cast<int>(i);
    }
    const bool other = m_reason >= 0 && codes[static_cast<std::size_t>(m_reason)] == "other";
    if (other) {
        ImGui::TextUnformatted(lang.tr("decision.reason_text"));
        if (ImGui::IsWindowAppearing() || ImGui::IsItemDeactivated()) ImGui::SetKeyboardFocusHere();
        ImGui::InputText("##reason-text", m_reasonText, sizeof m_reasonText);
    }
    const bool ready = m_reason >= 0 && (!other || std::strlen(m_reasonText) > 0);
    ImGui::BeginDisabled(!ready);
    const std::string confirm = std::string(lang.tr("decision.confirm_reject")) + " (Enter)";
    const bool confirmed = ImGui::Button(confirm.c_str()) || (ready && ImGui::IsKeyPressed(keys::Enter, false));
    ImGui::EndDisabled();
    ImGui::SameLine();
    const std::string cancel = std::string(lang.tr("common.cancel")) + " (Esc)";
    if (ImGui::Button(cancel.c_str()) || ImGui::IsKeyPressed(keys::Escape, false)) {
        ImGui::CloseCurrentPopup();
    } else if (confirmed) {
        send(codes[static_cast<std::size_t>(m_reason)], other ? m_reasonText : "");
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void DecisionPanel::drawFourEyesPopup(const LangCatalog& lang) {
    const char* id = "###four-eyes";
    if (m_openFourEyes) {
        ImGui::OpenPopup(id);
        m_openFourEyes = false;
    }
    const std::string title = std::string(lang.tr("decision.four_eyes_title")) + id;
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextWrapped("%s", lang.tr("decision.four_eyes_hint"));
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputText(lang.tr("login.officer_id"), m_secondId, sizeof m_secondId);
    ImGui::InputText(lang.tr("login.password"), m_secondPassword, sizeof m_secondPassword, ImGuiInputTextFlags_Password);
    const bool ready = std::strlen(m_secondId) > 0 && std::strlen(m_secondPassword) > 0;
    ImGui::BeginDisabled(!ready);
    const bool confirmed = ImGui::Button(lang.tr("decision.approve")) || (ready && ImGui::IsKeyPressed(keys::Enter, false));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(lang.tr("common.cancel")) || ImGui::IsKeyPressed(keys::Escape, false)) {
        wipe(m_secondPassword, sizeof m_secondPassword);
        ImGui::CloseCurrentPopup();
    } else if (confirmed) {
        send("", "");
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace bhxh::ui
