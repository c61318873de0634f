#include "ui/queue_view.h"

#include "ui/keys.h"
#include "ui/pii_field.h"

#include <imgui.h>

#include <algorithm>

namespace bhxh::ui {
namespace {

const char* const kStatuses[] = {"pending", "claimed", "approved", "rejected", "expired", ""};
const char* const kChannels[] = {"", "vssid", "web"};
// "Due within N days" choices; -1 = any deadline, 0 = due today (or overdue).
const int kDueChoices[] = {-1, 0, 1, 2, 3, 5, 7, 10};

} // namespace

QueueView::QueueView(const QueueSnapshot& snapshot, Commands commands)
    : m_queue(snapshot), m_commands(std::move(commands)) {}

void QueueView::onShow() {
    // A decision taken on the desk since took its declaration out of the pending ones.
    if (m_commands.query) m_commands.query(m_filter);
}

void QueueView::draw(const UiContext& ctx) {
    const LangCatalog& lang = ctx.lang;
    drawFilters(lang);
    const auto& rows = *m_queue.rows;
    if (!m_queue.errorKey.empty()) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", lang.tr(m_queue.errorKey));
    ImGui::TextDisabled("%s", lang.format("queue.count", {{"count", std::to_string(rows.size())}}).c_str());
    if (m_queue.loading) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", lang.tr("queue.loading"));
    }
    handleKeys(rows.size());
    drawTable(lang);
}

void QueueView::drawFilters(const LangCatalog& lang) {
    QueueFilter next = m_filter;
    if (m_focusSearch) {
        ImGui::SetKeyboardFocusHere();
        m_focusSearch = false;
    }
    // The filters share the row: the search field takes what the others leave, so the row fits
    // at any font scale (kiosk) and window width.
    const float font = ImGui::GetFontSize();
    const float fixed = font * (9 + 9 + 7) + ImGui::CalcTextSize(lang.tr("queue.minors_only")).x + font * 2 +
                        ImGui::GetStyle().ItemSpacing.x * 4;
    ImGui::SetNextItemWidth(std::max(font * 10, ImGui::GetContentRegionAvail().x - fixed));
    if (ImGui::InputTextWithHint("##search", lang.tr("queue.search_hint"), m_search, sizeof m_search)) next.search = m_search;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 9);
    const std::string statusLabel = next.status.empty() ? lang.tr("queue.all_statuses") : lang.tr("decl_status." + next.status);
    if (ImGui::BeginCombo("##status", statusLabel.c_str())) {
        for (const char* s : kStatuses) {
            const std::string label = *s ? lang.tr(std::string("decl_status.") + s) : lang.tr("queue.all_statuses");
            if (ImGui::Selectable(label.c_str(), next.status == s)) next.status = s;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 9);
    auto dueLabel = [&lang](int days) {
        if (days < 0) return std::string(lang.tr("queue.due_any"));
        if (days == 0) return std::string(lang.tr("queue.due_today"));
        return lang.format("queue.due_within_days", {{"days", std::to_string(days)}});
    };
    if (ImGui::BeginCombo("##due", dueLabel(next.dueWithinDays).c_str())) {
        for (int days : kDueChoices) {
            if (ImGui::Selectable(dueLabel(days).c_str(), next.dueWithinDays == days)) next.dueWithinDays = days;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 7);
    const std::string channelLabel = next.channel.empty() ? lang.tr("queue.all_channels") : lang.tr("channel." + next.channel);
    if (ImGui::BeginCombo("##channel", channelLabel.c_str())) {
        for (const char* c : kChannels) {
            const std::string label = *c ? lang.tr(std::string("channel.") + c) : lang.tr("queue.all_channels");
            if (ImGui::Selectable(label.c_str(), next.channel == c)) next.channel = c;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::Checkbox(lang.tr("queue.minors_only"), &next.minorsOnly);
    if (!(next == m_filter)) {
        m_filter = next;
        m_selected = 0;
        if (m_commands.query) m_commands.query(m_filter);
    }
}

void QueueView::handleKeys(std::size_t rowCount) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::F, false)) m_focusSearch = true;
    if (io.WantTextInput || rowCount == 0) return;
    if (ImGui::IsKeyPressed(keys::J) || ImGui::IsKeyPressed(keys::Down)) {
        m_selected = std::min(m_selected + 1, rowCount - 1);
        m_scrollToSelected = true;
    }
    if (ImGui::IsKeyPressed(keys::K) || ImGui::IsKeyPressed(keys::Up)) {
        m_selected = m_selected > 0 ? m_selected - 1 : 0;
        m_scrollToSelected = true;
    }
    if (ImGui::IsKeyPressed(keys::Enter, false) && m_commands.open) {
        m_commands.open((*m_queue.rows)[std::min(m_selected, rowCount - 1)].dossierNo);
    }
}

void QueueView::drawTable(const LangCatalog& lang) {
    const auto& rows = *m_queue.rows;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##queue", 7, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(lang.tr("queue.col.deadline"), 0, 1.0f);
    ImGui::TableSetupColumn(lang.tr("queue.col.dossier"), 0, 1.4f);
    ImGui::TableSetupColumn(lang.tr("queue.col.name"), 0, 2.0f);
    ImGui::TableSetupColumn(lang.tr("queue.col.request"), 0, 1.0f);
    ImGui::TableSetupColumn(lang.tr("queue.col.status"), 0, 1.0f);
    ImGui::TableSetupColumn(lang.tr("queue.col.channel"), 0, 0.8f);
    ImGui::TableSetupColumn(lang.tr("field.bhxh_code"), 0, 1.1f);
    ImGui::TableHeadersRow();
    const float rowHeight = ImGui::GetTextLineHeightWithSpacing();
    if (m_scrollToSelected) {
        // Keep the selected row in view without drawing the rows above it.
        const float y = static_cast<float>(m_selected) * rowHeight;
        const float top = ImGui::GetScrollY();
        const float visible = ImGui::GetWindowHeight() - rowHeight * 2;
        if (y < top) ImGui::SetScrollY(y);
        if (y > top + visible) ImGui::SetScrollY(y - visible);
        m_scrollToSelected = false;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), rowHeight);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const QueueRow& r = rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow(0, rowHeight);
            ImGui::TableNextColumn();
            const bool selected = static_cast<std::size_t>(i) == m_selected;
            ImGui::PushID(i);
            const std::string days = lang.format("queue.days", {{"days", std::to_string(r.daysLeft)}});
            if (ImGui::Selectable(days.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                m_selected = static_cast<std::size_t>(i);
                if (ImGui::IsMouseDoubleClicked(0) && m_commands.open) m_commands.open(r.dossierNo);
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.dossierNo.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.fullName.c_str());
            if (r.kind == "minor_via_guardian") {
                ImGui::SameLine();
                ImGui::TextDisabled("(%s)", lang.tr("queue.minor"));
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.tr("request." + r.request));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.tr("decl_status." + r.status));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.tr("channel." + r.channel));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(PiiField::masked(r.bhxhCode).c_str());
        }
    }
    ImGui::EndTable();
}

} // namespace bhxh::ui
