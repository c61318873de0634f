#include "ui/outbox_view.h"

#include "ui/keys.h"

#include <imgui.h>

namespace bhxh::ui {
namespace {

const char* const kStates[] = {"", "queued", "sending", "sent", "unknown", "failed", "cancelled"};

ImVec4 stateColor(const std::string& state) {
    if (state == "sent") return ImVec4(0.16f, 0.55f, 0.27f, 1);
    if (state == "failed" || state == "unknown") return ImVec4(0.78f, 0.18f, 0.16f, 1);
    if (state == "cancelled") return ImVec4(0.5f, 0.5f, 0.5f, 1);
    return ImVec4(0.80f, 0.50f, 0.08f, 1);
}

} // namespace

OutboxView::OutboxView(const OutboxSnapshot& snapshot, Commands commands)
    : m_outbox(snapshot), m_commands(std::move(commands)) {}

void OutboxView::onShow() {
    if (m_commands.refresh) m_commands.refresh();
}

void OutboxView::draw(const UiContext& ctx) {
    const LangCatalog& lang = ctx.lang;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    const std::string current = m_state.empty() ? lang.tr("outbox.all_states") : lang.tr("notify.state." + m_state);
    if (ImGui::BeginCombo("##state", current.c_str())) {
        for (const char* s : kStates) {
            const std::string label = *s ? lang.tr(std::string("notify.state.") + s) : lang.tr("outbox.all_states");
            if (ImGui::Selectable(label.c_str(), m_state == s)) {
                m_state = s;
                if (m_commands.filter) m_commands.filter(m_state);
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    const std::string refresh = std::string(lang.tr("outbox.refresh")) + " (F5)";
    if ((ImGui::Button(refresh.c_str()) || ImGui::IsKeyPressed(keys::F5, false)) && m_commands.refresh) m_commands.refresh();
    if (!m_outbox.actionMessage.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", m_outbox.actionMessage.c_str());
    }
    if (!m_outbox.errorKey.empty()) ImGui::TextColored(stateColor("failed"), "%s", lang.tr(m_outbox.errorKey));

    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##outbox", 8, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", 0, 0.4f);
    ImGui::TableSetupColumn(lang.tr("outbox.col.channel"), 0, 1.0f);
    ImGui::TableSetupColumn(lang.tr("outbox.col.dossier"), 0, 1.4f);
    ImGui::TableSetupColumn(lang.tr("outbox.col.to"), 0, 1.2f);
    ImGui::TableSetupColumn(lang.tr("outbox.col.state"), 0, 1.4f);
    ImGui::TableSetupColumn(lang.tr("outbox.col.tries"), 0, 0.5f);
    ImGui::TableSetupColumn(lang.tr("notify.last_error"), 0, 2.2f);
    ImGui::TableSetupColumn("##actions", 0, 1.6f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_outbox.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const OutboxRowView& r = m_outbox.rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::PushID(static_cast<int>(r.id));
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(r.id));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.tr("outbox.channel." + r.channel));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.dossierNo.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.recipientMasked.c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(stateColor(r.state), "%s", lang.tr("notify.state." + r.state));
            ImGui::SameLine();
            ImGui::TextDisabled("%s", r.updated.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d/%d", r.attempts, r.maxAttempts);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", r.lastError.c_str());
            ImGui::TableNextColumn();
            if ((r.state == "failed" || r.state == "unknown") && ImGui::SmallButton(lang.tr("notify.action.retry")) &&
                m_commands.retry) {
                m_commands.retry(r.id);
            }
            if (r.state != "sent" && r.state != "cancelled") {
                ImGui::SameLine();
                if (ImGui::SmallButton(lang.tr("notify.action.cancel")) && m_commands.cancel) m_commands.cancel(r.id);
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

} // namespace bhxh::ui
