#include "ui/outbox_view.h"

#include "ui/error_text.h"
#include "ui/keys.h"
#include "ui/row_scroll.h"
#include "ui/table_header.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace bhxh::ui {
namespace {

using notify::OutboxState;
const std::optional<OutboxState> kStates[] = {std::nullopt,         OutboxState::Queued, OutboxState::Sending,
                                              OutboxState::Sent,    OutboxState::Unknown, OutboxState::Failed,
                                              OutboxState::Cancelled};

ImVec4 stateColor(OutboxState state) {
    if (state == OutboxState::Sent) return ImVec4(0.16f, 0.55f, 0.27f, 1);
    if (state == OutboxState::Failed || state == OutboxState::Unknown) return ImVec4(0.78f, 0.18f, 0.16f, 1);
    if (state == OutboxState::Cancelled) return ImVec4(0.5f, 0.5f, 0.5f, 1);
    return ImVec4(0.80f, 0.50f, 0.08f, 1);
}

// "notify.state.queued", … or "every state" for no filter.
std::string stateLabel(const std::optional<OutboxState>& state, const LangCatalog& lang) {
    return state ? lang.tr("notify.state." + std::string(notify::toString(*state))) : lang.tr("outbox.all_states");
}

} // namespace

OutboxView::OutboxView(const OutboxSnapshot& snapshot, Commands commands)
    : m_outbox(snapshot), m_commands(std::move(commands)) {}

void OutboxView::onShow() {
    if (m_commands.refresh) m_commands.refresh();
}

bool OutboxView::canRetry(const OutboxRowView& r) {
    return r.state == OutboxState::Failed || r.state == OutboxState::Unknown;
}
bool OutboxView::canCancel(const OutboxRowView& r) {
    return r.state != OutboxState::Sent && r.state != OutboxState::Cancelled;
}

void OutboxView::handleKeys() {
    // ↑/↓ (J/K) choose a row, Ctrl+R sends it again, Delete cancels it, Alt+1 the next state
    // filter. Not while a text field or a list is open.
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
    if (io.KeyAlt && ImGui::IsKeyPressed(keys::Digit1, false)) {
        std::size_t i = 0;
        while (i < std::size(kStates) && m_state != kStates[i]) ++i;
        m_state = kStates[(i + 1) % std::size(kStates)];
        if (m_commands.filter) m_commands.filter(m_state);
    }
    const auto& rows = m_outbox.rows;
    if (rows.empty()) return;
    if (m_selected >= rows.size()) m_selected = rows.size() - 1;
    if (!io.KeyCtrl && (ImGui::IsKeyPressed(keys::Down) || ImGui::IsKeyPressed(keys::J))) {
        m_selected = std::min(m_selected + 1, rows.size() - 1);
        m_scrollToSelected = true;
    }
    if (!io.KeyCtrl && (ImGui::IsKeyPressed(keys::Up) || ImGui::IsKeyPressed(keys::K))) {
        m_selected = m_selected > 0 ? m_selected - 1 : 0;
        m_scrollToSelected = true;
    }
    const OutboxRowView& r = rows[m_selected];
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::R, false) && canRetry(r) && m_commands.retry) m_commands.retry(r.id);
    if (ImGui::IsKeyPressed(keys::Delete, false) && canCancel(r) && m_commands.cancel) m_commands.cancel(r.id);
}

void OutboxView::draw(const UiContext& ctx) {
    const LangCatalog& lang = ctx.lang;
    handleKeys();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    const std::string current = stateLabel(m_state, lang) + " (Alt+1)";
    if (ImGui::BeginCombo("##state", current.c_str())) {
        for (const auto& s : kStates) {
            if (ImGui::Selectable(stateLabel(s, lang).c_str(), m_state == s)) {
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
    if (!m_outbox.errorKey.empty()) ImGui::TextColored(stateColor(OutboxState::Failed), "%s", lang.tr(m_outbox.errorKey));

    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##outbox", 8, flags)) return;
    TableHeader::setup(lang, {{"#", 0.4f}, {"outbox.col.channel", 1.0f}, {"outbox.col.dossier", 1.4f},
                              {"outbox.col.to", 1.2f}, {"outbox.col.state", 1.4f}, {"outbox.col.tries", 0.5f},
                              {"notify.last_error", 2.2f}, {"##actions", 1.6f}});
    const float rowHeight = ImGui::GetTextLineHeightWithSpacing();
    if (m_scrollToSelected) {
        RowScroll::keepInView(m_selected, rowHeight);  // rows are one line unless an error wraps
        m_scrollToSelected = false;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_outbox.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const OutboxRowView& r = m_outbox.rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::PushID(static_cast<int>(r.id));
            ImGui::TableNextColumn();
            char id[32];
            std::snprintf(id, sizeof id, "%lld", static_cast<long long>(r.id));
            if (ImGui::Selectable(id, static_cast<std::size_t>(i) == m_selected, ImGuiSelectableFlags_SpanAllColumns |
                                                                                   ImGuiSelectableFlags_AllowItemOverlap)) {
                m_selected = static_cast<std::size_t>(i);
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.tr("outbox.channel." + r.channel));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.dossierNo.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.recipientMasked.c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(stateColor(r.state), "%s", stateLabel(r.state, lang).c_str());
            ImGui::SameLine();
            ImGui::TextDisabled("%s", r.updated.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d/%d", r.attempts, r.maxAttempts);
            ImGui::TableNextColumn();
            if (!r.lastError.empty()) ErrorText::draw(lang, r.lastError, "outbox.last_error", stateColor(r.state));
            ImGui::TableNextColumn();
            // The keys act on the chosen row: they are shown on its buttons only.
            const bool chosen = static_cast<std::size_t>(i) == m_selected;
            const std::string retry = std::string(lang.tr("notify.action.retry")) + (chosen ? " (Ctrl+R)" : "");
            const std::string cancel = std::string(lang.tr("notify.action.cancel")) + (chosen ? " (Delete)" : "");
            if (canRetry(r) && ImGui::SmallButton(retry.c_str()) && m_commands.retry) m_commands.retry(r.id);
            if (canCancel(r)) {
                ImGui::SameLine();
                if (ImGui::SmallButton(cancel.c_str()) && m_commands.cancel) m_commands.cancel(r.id);
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

} // namespace bhxh::ui
