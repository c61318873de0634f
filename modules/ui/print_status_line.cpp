#include "ui/print_status_line.h"

#include <imgui.h>

#include <string>

namespace bhxh::ui {

void PrintStatusLine::draw(const PrintStatus& s, const LangCatalog& lang) {
    const ImVec4 green(0.16f, 0.55f, 0.27f, 1);
    const ImVec4 amber(0.80f, 0.50f, 0.08f, 1);
    const ImVec4 red(0.78f, 0.18f, 0.16f, 1);
    switch (s.phase) {
    case PrintStatus::Phase::Idle: return;
    case PrintStatus::Phase::Printing: {
        std::string line = lang.format("print.printing", {{"state", lang.tr(s.stateKey)}});
        if (!s.reasonKey.empty()) line += " — " + std::string(lang.tr(s.reasonKey));
        ImGui::TextColored(s.reasonKey.empty() ? amber : red, "%s", line.c_str());
        return;
    }
    case PrintStatus::Phase::Printed:
        ImGui::TextColored(green, "%s", lang.format("print.printed", {{"job", std::to_string(s.jobId)}}).c_str());
        return;
    case PrintStatus::Phase::Failed: {
        std::string line = lang.tr(s.errorKey.empty() ? "print.error.unreachable" : s.errorKey);
        if (!s.reasonKey.empty()) line += " — " + std::string(lang.tr(s.reasonKey));
        ImGui::TextColored(red, "%s", line.c_str());
        if (!s.pdfPath.empty()) ImGui::TextWrapped("%s", lang.format("print.pdf_kept", {{"path", s.pdfPath}}).c_str());
        if (!s.detail.empty() && s.detail.rfind("print.", 0) != 0) ImGui::TextDisabled("%s", s.detail.c_str());
        return;
    }
    }
}

} // namespace bhxh::ui
