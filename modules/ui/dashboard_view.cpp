#include "ui/dashboard_view.h"

#include "common/local_time.h"
#include "ui/keys.h"
#include "ui/print_status_line.h"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace bhxh::ui {
namespace {

const ImU32 kApprovedBar = IM_COL32(46, 140, 70, 255);
const ImU32 kRejectedBar = IM_COL32(190, 55, 45, 255);

void figure(const LangCatalog& lang, const char* label, int value, const ImVec4& color) {
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", label);
    ImGui::SetWindowFontScale(2.0f);
    ImGui::TextColored(color, "%s", lang.number(value).c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::EndGroup();
}

} // namespace

DashboardView::DashboardView(const DashboardSnapshot& snapshot, Commands commands)
    : m_day(snapshot), m_commands(std::move(commands)) {}

void DashboardView::onShow() {
    // The day's figures as they are now (decisions taken on the desk since).
    if (m_commands.refresh) m_commands.refresh();
}

void DashboardView::draw(const UiContext& ctx) {
    const LangCatalog& lang = ctx.lang;
    ImGui::Text("%s", lang.format("dashboard.today", {{"day", displayDate(m_day.figures.day)}}).c_str());
    ImGui::SameLine();
    const std::string refresh = std::string(lang.tr("outbox.refresh")) + " (F5)";
    if ((ImGui::Button(refresh.c_str()) || ImGui::IsKeyPressed(keys::F5, false)) && m_commands.refresh) m_commands.refresh();
    ImGui::SameLine();
    const std::string exportLabel = std::string(lang.tr("dashboard.export")) + " (Ctrl+E)";
    if ((ImGui::Button(exportLabel.c_str()) || (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(keys::E, false))) &&
        m_commands.exportCsv) {
        m_commands.exportCsv();
    }
    ImGui::SameLine();
    const std::string reportLabel = std::string(lang.tr("dashboard.day_report")) + " (Ctrl+P)";
    if ((ImGui::Button(reportLabel.c_str()) || (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(keys::P, false))) &&
        m_commands.dayReport) {
        m_commands.dayReport();
    }
    if (!m_day.exportMessage.empty()) ImGui::TextDisabled("%s", m_day.exportMessage.c_str());
    if (!m_day.reportMessage.empty()) ImGui::TextDisabled("%s", m_day.reportMessage.c_str());
    PrintStatusLine::draw(m_day.print, lang);
    if (!m_day.errorKey.empty()) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", lang.tr(m_day.errorKey));
    ImGui::Separator();
    const float spacing = ImGui::GetFontSize() * 4;
    figure(lang, lang.tr("dashboard.approved"), m_day.figures.approved, ImVec4(0.16f, 0.55f, 0.27f, 1));
    ImGui::SameLine(0, spacing);
    figure(lang, lang.tr("dashboard.rejected"), m_day.figures.rejected, ImVec4(0.78f, 0.18f, 0.16f, 1));
    ImGui::SameLine(0, spacing);
    figure(lang, lang.tr("dashboard.pending"), m_day.figures.pending, ImVec4(0.80f, 0.50f, 0.08f, 1));
    ImGui::SameLine(0, spacing);
    figure(lang, lang.tr("dashboard.expired"), m_day.figures.expired, ImVec4(0.45f, 0.45f, 0.45f, 1));
    ImGui::Separator();
    drawChart(lang);
    ImGui::Separator();
    if (ImGui::BeginTable("##officers", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(lang.tr("dashboard.officer"));
        ImGui::TableSetupColumn(lang.tr("dashboard.approved"));
        ImGui::TableSetupColumn(lang.tr("dashboard.rejected"));
        ImGui::TableHeadersRow();
        for (const auto& o : m_day.figures.officers) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o.officerId.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.number(o.approved).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.number(o.rejected).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::Separator();
    drawQa(lang);
}

void DashboardView::drawQa(const LangCatalog& lang) {
    const auto& qa = m_day.qa;
    ImGui::TextUnformatted(lang.format("dashboard.qa.summary", {{"sampled", lang.number(qa.sampled)},
                                                                 {"confirmed", lang.number(qa.confirmed)},
                                                                 {"flagged", lang.number(qa.flagged)},
                                                                 {"open", lang.number(qa.open)}})
                               .c_str());
    if (qa.officers.empty()) return;
    if (ImGui::BeginTable("##qa", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(lang.tr("dashboard.officer"));
        ImGui::TableSetupColumn(lang.tr("dashboard.qa.sampled"));
        ImGui::TableSetupColumn(lang.tr("dashboard.qa.confirmed"));
        ImGui::TableSetupColumn(lang.tr("dashboard.qa.flagged"));
        ImGui::TableHeadersRow();
        for (const auto& o : qa.officers) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o.officerId.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.number(o.sampled).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.number(o.confirmed).c_str());
            ImGui::TableNextColumn();
            if (o.flagged > 0) ImGui::TextColored(ImVec4(0.78f, 0.18f, 0.16f, 1), "%s", lang.number(o.flagged).c_str());
            else ImGui::TextUnformatted(lang.number(o.flagged).c_str());
        }
        ImGui::EndTable();
    }
}

void DashboardView::drawChart(const LangCatalog& lang) {
    ImGui::TextUnformatted(lang.tr("dashboard.per_hour"));
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kApprovedBar), "%s", lang.tr("dashboard.approved"));
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kRejectedBar), "%s", lang.tr("dashboard.rejected"));
    // Office hours 7:00–18:00 fill the width; other hours are folded into the ends.
    constexpr int kFirst = 7;
    constexpr int kLast = 18;
    int most = 1;
    for (int h = 0; h < 24; ++h) most = std::max(most, m_day.figures.approvedByHour[h] + m_day.figures.rejectedByHour[h]);
    const float height = ImGui::GetTextLineHeight() * 8;
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float slot = width / static_cast<float>(kLast - kFirst + 1);
    for (int h = kFirst; h <= kLast; ++h) {
        int approved = 0;
        int rejected = 0;
        for (int src = 0; src < 24; ++src) {
            const int bucket = std::clamp(src, kFirst, kLast);
            if (bucket != h) continue;
            approved += m_day.figures.approvedByHour[src];
            rejected += m_day.figures.rejectedByHour[src];
        }
        const float x = at.x + slot * static_cast<float>(h - kFirst);
        const float base = at.y + height;
        const float ha = height * static_cast<float>(approved) / static_cast<float>(most);
        const float hr = height * static_cast<float>(rejected) / static_cast<float>(most);
        dl->AddRectFilled(ImVec2(x + slot * 0.15f, base - ha), ImVec2(x + slot * 0.85f, base), kApprovedBar);
        dl->AddRectFilled(ImVec2(x + slot * 0.15f, base - ha - hr), ImVec2(x + slot * 0.85f, base - ha), kRejectedBar);
        const std::string label = std::to_string(h) + "h";
        dl->AddText(ImVec2(x + slot * 0.3f, base + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
    }
    ImGui::Dummy(ImVec2(width, height + ImGui::GetTextLineHeightWithSpacing()));
}

} // namespace bhxh::ui
