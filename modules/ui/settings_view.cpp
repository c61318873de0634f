#include "ui/settings_view.h"

#include <imgui.h>

namespace bhxh::ui {
namespace {

const ImVec4 kOk(0.16f, 0.55f, 0.27f, 1.0f);
const ImVec4 kWarn(0.80f, 0.50f, 0.10f, 1.0f);
const ImVec4 kFail(0.75f, 0.20f, 0.18f, 1.0f);

} // namespace

SettingsView::SettingsView(const SettingsSnapshot& snapshot, Commands commands, AuthorizeFn authorize)
    : m_snapshot(snapshot), m_commands(std::move(commands)), m_authorize(std::move(authorize)) {}

void SettingsView::draw(const UiContext& ctx) {
    if (m_authorize) {
        if (auto allowed = m_authorize("settings.change"); !allowed) {
            ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));
            ImGui::TextUnformatted(ctx.lang.tr("settings.admin_only"));
            return;
        }
    }
    const bool busy = !m_snapshot.running.empty();
    ImGui::TextDisabled("%s", ctx.lang.format("settings.source", {{"file", m_snapshot.configFile.empty()
                                                                                ? std::string(ctx.lang.tr("settings.defaults"))
                                                                                : m_snapshot.configFile}})
                                  .c_str());
    ImGui::BeginDisabled(busy);
    if (ImGui::Button(ctx.lang.tr("settings.run_all")) && m_commands.runTest) m_commands.runTest("all");
    ImGui::EndDisabled();
    if (busy) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ctx.lang.tr("settings.running"));
    }

    const float half = ImGui::GetContentRegionAvail().x * 0.55f;
    ImGui::BeginChild("##settings-groups", ImVec2(half, 0), false);
    for (const auto& group : m_snapshot.groups) {
        ImGui::Spacing();
        ImGui::TextUnformatted(ctx.lang.tr(group.titleKey));
        if (!group.test.empty()) {
            ImGui::SameLine();
            ImGui::BeginDisabled(busy);
            const std::string label = std::string(ctx.lang.tr("settings.test")) + "###test-" + group.test;
            if (ImGui::SmallButton(label.c_str()) && m_commands.runTest) m_commands.runTest(group.test);
            ImGui::EndDisabled();
        }
        ImGui::Separator();
        if (ImGui::BeginTable(group.titleKey.c_str(), 2, ImGuiTableFlags_RowBg)) {
            // One label width for every group, so the values line up down the screen.
            ImGui::TableSetupColumn("##name", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 15);
            ImGui::TableSetupColumn("##value", ImGuiTableColumnFlags_WidthStretch);
            for (const auto& row : group.rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ctx.lang.tr(row.labelKey));
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", row.valueIsKey ? ctx.lang.tr(row.value) : row.value.c_str());
            }
            ImGui::EndTable();
        }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##settings-results", ImVec2(0, 0), true);
    drawResults(ctx);
    ImGui::EndChild();
}

void SettingsView::drawResults(const UiContext& ctx) {
    ImGui::TextUnformatted(ctx.lang.tr("settings.results"));
    ImGui::Separator();
    if (m_snapshot.results.empty()) {
        ImGui::TextDisabled("%s", ctx.lang.tr("settings.no_results"));
        return;
    }
    for (const auto& line : m_snapshot.results) {
        const ImVec4 color = line.status == "OK" ? kOk : (line.status == "WARN" ? kWarn : kFail);
        ImGui::TextColored(color, "%s", line.status.c_str());
        ImGui::SameLine(ImGui::GetFontSize() * 3.5f);
        ImGui::TextUnformatted(line.subject.c_str());
        ImGui::Indent(ImGui::GetFontSize() * 3.5f);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", line.detail.c_str());
        if (!line.fix.empty()) ImGui::TextWrapped("%s %s", ctx.lang.tr("settings.fix"), line.fix.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Unindent(ImGui::GetFontSize() * 3.5f);
    }
}

} // namespace bhxh::ui
