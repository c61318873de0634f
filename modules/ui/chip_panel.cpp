#include "ui/chip_panel.h"

#include "ui/keys.h"

#include <imgui.h>

#include <cstring>

namespace bhxh::ui {
namespace {

const ImVec4 kGood(0.16f, 0.55f, 0.27f, 1.0f);
const ImVec4 kBad(0.78f, 0.18f, 0.16f, 1.0f);
const ImVec4 kWarn(0.80f, 0.50f, 0.08f, 1.0f);

} // namespace

void ChipPanel::reset() {
    m_expiry[0] = '\0';
    m_mrz[0] = '\0';
    m_focusedFor.clear();
}

void ChipPanel::draw(const ChipView& chip, const LangCatalog& lang, bool keysActive) {
    if (!chip.enabled || chip.state.empty()) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", lang.tr("chip.title"));
    ImGui::SameLine();
    if (chip.state == "done") {
        const ImVec4 color = chip.verdict == "genuine" ? kGood : (chip.verdict == "not_genuine" ? kBad : kWarn);
        if (chip.verdict == "not_genuine") {
            ImGui::TextColored(color, "%s",
                               lang.format("chip.verdict.not_genuine", {{"reason", lang.tr("chip.reason." + chip.reason)}}).c_str());
        } else {
            ImGui::TextColored(color, "%s", lang.tr("chip.verdict." + chip.verdict));
        }
    } else if (chip.state == "reading") {
        const std::string file = chip.file.empty() ? std::string() : std::string(lang.tr("chip.file." + chip.file));
        ImGui::TextColored(kWarn, "%s", lang.format("chip.state.reading", {{"file", file}}).c_str());
        if (chip.total > 0) {
            ImGui::ProgressBar(static_cast<float>(chip.done) / static_cast<float>(chip.total), ImVec2(-1.0f, 0.0f));
        }
    } else if (chip.state == "failed") {
        // The error's own text when there is one ("the card was taken off"), else its code.
        const std::string key = "chip.error." + chip.errorCode.substr(chip.errorCode.find('.') + 1);
        const std::string detail = lang.has(key) ? std::string(lang.tr(key)) : chip.errorCode;
        ImGui::TextColored(kBad, "%s", lang.format("chip.state.failed", {{"detail", detail}}).c_str());
    } else {
        const bool attention = chip.state == "waiting_for_card" || chip.state == "key_refused" || chip.state == "key_needed";
        if (attention) {
            ImGui::TextColored(kWarn, "%s", lang.tr("chip.state." + chip.state));
        } else {
            ImGui::TextDisabled("%s", lang.tr("chip.state." + chip.state));
        }
    }
    ImGui::PopTextWrapPos();
    if (chip.state == "key_refused" || chip.state == "key_needed") {
        drawKeyEntry(chip, lang, keysActive);
    } else {
        m_focusedFor.clear();
    }
}

void ChipPanel::drawKeyEntry(const ChipView& chip, const LangCatalog& lang, bool keysActive) {
    // The cursor goes to the expiry field once when the chip refuses the key, and again on F4.
    if (m_focusedFor != chip.state || (keysActive && ImGui::IsKeyPressed(keys::F4, false))) {
        m_focusedFor = chip.state;
        ImGui::SetKeyboardFocusHere();
    }
    const std::string expiryLabel = std::string(lang.tr("chip.key.expiry")) + " (F4)";
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("00/00/00000").x + ImGui::GetStyle().FramePadding.x * 2);
    const bool expiryEntered = ImGui::InputTextWithHint("##chip-expiry", "dd/mm/yyyy", m_expiry, sizeof m_expiry,
                                                        ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    ImGui::TextUnformatted(expiryLabel.c_str());
    ImGui::SameLine();
    const std::string readExpiry = std::string(lang.tr("chip.key.read_expiry")) + " (Enter)";
    if ((ImGui::Button(readExpiry.c_str()) || expiryEntered) && m_commands.expiry) m_commands.expiry(m_expiry);
    ImGui::TextDisabled("%s", lang.tr("chip.key.mrz"));
    // Enter starts a new line (a scanner types the three lines with Enter); Ctrl+Enter reads.
    const bool mrzEntered = ImGui::InputTextMultiline("##chip-mrz", m_mrz, sizeof m_mrz,
                                                      ImVec2(ImGui::CalcTextSize("M").x * 34, ImGui::GetTextLineHeight() * 3.6f),
                                                      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsUppercase);
    ImGui::SameLine();
    const std::string readMrz = std::string(lang.tr("chip.key.read_mrz")) + " (Ctrl+Enter)";
    if ((ImGui::Button(readMrz.c_str()) || mrzEntered) && m_commands.mrz) m_commands.mrz(m_mrz);
    if (!chip.keyErrorKey.empty()) ImGui::TextColored(kBad, "%s", lang.tr(chip.keyErrorKey));
}

} // namespace bhxh::ui
