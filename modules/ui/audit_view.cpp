#include "ui/audit_view.h"

#include "ui/error_text.h"
#include "ui/keys.h"

#include <imgui.h>

#include <string_view>

namespace bhxh::ui {
namespace {

const ImVec4 kOk(0.16f, 0.55f, 0.27f, 1.0f);
const ImVec4 kBad(0.75f, 0.20f, 0.18f, 1.0f);

} // namespace

AuditView::AuditView(const AuditSnapshot& snapshot, Commands commands)
    : m_audit(snapshot), m_commands(std::move(commands)) {}

void AuditView::onShow() {
    // The officer may have changed since (and the role with it).
    if (m_commands.refresh) m_commands.refresh();
}

void AuditView::draw(const UiContext& ctx) {
    if (m_audit.denied) {
        ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));
        ImGui::TextUnformatted(ctx.lang.tr("audit.denied"));
        if (ImGui::Button(ctx.lang.tr("audit.refresh")) && m_commands.refresh) m_commands.refresh();
        return;
    }
    if ((ImGui::Button(ctx.lang.tr("audit.refresh")) || ImGui::IsKeyPressed(keys::F5, false)) && m_commands.refresh) {
        m_commands.refresh();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(m_audit.verifyState == "running");
    const bool verifyKey = ImGui::GetIO().KeyCtrl && !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(keys::K, false);
    const std::string verify = std::string(ctx.lang.tr("audit.verify")) + " (Ctrl+K)";
    if ((ImGui::Button(verify.c_str()) || verifyKey) && m_commands.verify) m_commands.verify();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (m_audit.verifyState == "running") {
        ImGui::TextDisabled("%s", ctx.lang.tr("audit.verifying"));
    } else if (m_audit.verifyState == "intact") {
        ImGui::TextColored(kOk, "%s", ctx.lang.format("audit.intact", {{"n", ctx.lang.number(static_cast<std::int64_t>(m_audit.verifiedEntries))}}).c_str());
    } else if (m_audit.verifyState == "broken") {
        if (m_audit.brokenReasonKey.empty()) {
            ErrorText::draw(ctx.lang, m_audit.brokenReason, "audit.read_failed", kBad);  // the walk itself failed
        } else {
            // The reason in the officer's language; the English one below for the help desk.
            const std::string reason = ctx.lang.formatMap(m_audit.brokenReasonKey, m_audit.brokenReasonArgs);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(kBad, "%s",
                               ctx.lang.format("audit.broken", {{"seq", std::to_string(m_audit.brokenSeq)}, {"reason", reason}}).c_str());
            ImGui::TextDisabled("%s", m_audit.brokenReason.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    ImGui::InputTextWithHint("##audit-filter", ctx.lang.tr("audit.filter_hint"), m_filter, sizeof m_filter);
    if (!m_audit.error.empty()) {
        ErrorText::draw(ctx.lang, m_audit.error, "audit.read_failed", kBad);
        return;
    }
    if (m_audit.loading) ImGui::TextDisabled("%s", ctx.lang.tr("common.loading"));

    if (m_shownVersion != m_audit.version || m_shownFilter != m_filter) {
        const std::string_view filter(m_filter);
        m_shown.clear();
        for (std::size_t i = 0; i < m_audit.rows.size(); ++i) {
            const auto& row = m_audit.rows[i];
            if (filter.empty() || row.kind.find(filter) != std::string::npos ||
                row.officer.find(filter) != std::string::npos || row.subject.find(filter) != std::string::npos) {
                m_shown.push_back(i);
            }
        }
        m_shownVersion = m_audit.version;
        m_shownFilter = m_filter;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##audit", 6, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* column : {"audit.seq", "audit.time", "audit.kind", "audit.officer", "audit.subject", "audit.detail"}) {
        ImGui::TableSetupColumn(ctx.lang.tr(column));
    }
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_shown.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& row = m_audit.rows[m_shown[static_cast<std::size_t>(i)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(row.seq));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.time.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.kind.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.officer.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.subject.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.detail.c_str());
        }
    }
    ImGui::EndTable();
}

} // namespace bhxh::ui
