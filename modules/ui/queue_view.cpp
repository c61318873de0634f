#include "ui/queue_view.h"

#include "common/local_time.h"
#include "declarations/rfc3339.h"
#include "ui/keys.h"
#include "ui/pii_field.h"
#include "ui/row_scroll.h"
#include "ui/table_header.h"
#include "ui_model/masked_number.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace bhxh::ui {
namespace {

using declarations::DeclarationStatus;
const std::optional<DeclarationStatus> kStatuses[] = {DeclarationStatus::Pending,  DeclarationStatus::Claimed,
                                                      DeclarationStatus::Approved, DeclarationStatus::Rejected,
                                                      DeclarationStatus::Expired,  std::nullopt};

// "decl_status.pending", … (the enumeration's one spelling, the lang keys use it).
std::string statusLabel(const std::optional<DeclarationStatus>& s, const LangCatalog& lang) {
    return s ? lang.tr("decl_status." + std::string(declarations::toString(*s))) : lang.tr("queue.all_statuses");
}
const std::string kChannels[] = {"", "vssid", "web"};
// "Due within N days" choices; -1 = any deadline, 0 = due today (or overdue).
const int kDueChoices[] = {-1, 0, 1, 2, 3, 5, 7, 10};
const ImVec4 kOverdue(0.78f, 0.18f, 0.16f, 1.0f);
const ImVec4 kDueToday(0.72f, 0.42f, 0.0f, 1.0f);

// "3 ngày · 09/12/2026", "Hết hạn hôm nay", "Quá hạn 2 ngày".
std::string deadlineText(const QueueRow& r, const LangCatalog& lang) {
    if (r.daysLeft < 0) return lang.format("queue.overdue", {{"days", std::to_string(-r.daysLeft)}});
    if (r.daysLeft == 0) return lang.tr("queue.due_today_short");
    const auto expires = declarations::parseRfc3339(r.expiresAt);
    if (!expires) return lang.format("queue.days", {{"days", std::to_string(r.daysLeft)}});
    return lang.format("queue.days_until", {{"days", std::to_string(r.daysLeft)}, {"date", formatLocalDate(*expires)}});
}

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
    ImGui::TextDisabled("%s", lang.format("queue.count", {{"count", lang.number(static_cast<std::int64_t>(rows.size()))}}).c_str());
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::TextDisabled("%s", lang.tr("queue.filter_keys"));
    if (m_queue.loading) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", lang.tr("queue.loading"));
    }
    handleKeys(rows.size());
    drawTable(lang);
}

namespace {

// The choice after `current` in `choices`, wrapping round (Alt+1…3 go through a filter's list).
template <typename T, std::size_t N>
T nextChoice(const T (&choices)[N], const T& current) {
    for (std::size_t i = 0; i < N; ++i) {
        if (choices[i] == current) return choices[(i + 1) % N];
    }
    return choices[0];
}

} // namespace

void QueueView::filterKeys(QueueFilter& next) const {
    // Alt+1 status, Alt+2 deadline, Alt+3 channel (each to its next choice), Alt+4 minors only.
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyAlt || io.KeyCtrl || io.WantTextInput) return;
    if (ImGui::IsKeyPressed(keys::Digit1, false)) next.status = nextChoice(kStatuses, next.status);
    if (ImGui::IsKeyPressed(keys::Digit1 + 1, false)) next.dueWithinDays = nextChoice(kDueChoices, next.dueWithinDays);
    if (ImGui::IsKeyPressed(keys::Digit1 + 2, false)) next.channel = nextChoice(kChannels, next.channel);
    if (ImGui::IsKeyPressed(keys::Digit1 + 3, false)) next.minorsOnly = !next.minorsOnly;
}

void QueueView::drawFilters(const LangCatalog& lang) {
    QueueFilter next = m_filter;
    filterKeys(next);
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
    // Esc leaves the field keeping what was typed (ImGui 1.86 would put back the text the field
    // had when it was entered, and Enter would then open a row of the unfiltered list).
    char typed[sizeof m_search];
    std::memcpy(typed, m_search, sizeof m_search);
    if (ImGui::InputTextWithHint("##search", lang.tr("queue.search_hint"), m_search, sizeof m_search)) next.search = m_search;
    if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(keys::Escape, false)) {
        std::memcpy(m_search, typed, sizeof m_search);
        next.search = m_search;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 9);
    if (ImGui::BeginCombo("##status", statusLabel(next.status, lang).c_str())) {
        for (const auto& s : kStatuses) {
            if (ImGui::Selectable(statusLabel(s, lang).c_str(), next.status == s)) next.status = s;
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
        for (const std::string& c : kChannels) {
            const std::string label = !c.empty() ? lang.tr("channel." + c) : lang.tr("queue.all_channels");
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
    TableHeader::setup(lang, {{"queue.col.deadline", 1.6f}, {"queue.col.dossier", 1.4f}, {"queue.col.name", 2.0f},
                              {"queue.col.request", 1.0f}, {"queue.col.status", 1.0f}, {"queue.col.channel", 0.8f},
                              {"field.bhxh_code", 1.1f}});
    const float rowHeight = ImGui::GetTextLineHeightWithSpacing();
    if (m_scrollToSelected) {
        RowScroll::keepInView(m_selected, rowHeight);
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
            // Urgency: overdue in red, due today in amber, with the last day as a date.
            const bool overdue = r.daysLeft < 0;
            const bool dueToday = r.daysLeft == 0;
            if (overdue || dueToday) ImGui::PushStyleColor(ImGuiCol_Text, overdue ? kOverdue : kDueToday);
            if (ImGui::Selectable(deadlineText(r, lang).c_str(), selected,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                m_selected = static_cast<std::size_t>(i);
                if (ImGui::IsMouseDoubleClicked(0) && m_commands.open) m_commands.open(r.dossierNo);
            }
            if (overdue || dueToday) ImGui::PopStyleColor();
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.dossierNo.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.fullName.c_str());
            if (r.kind == declarations::DeclarationKind::MinorViaGuardian) {
                ImGui::SameLine();
                ImGui::TextDisabled("(%s)", lang.tr("queue.minor"));
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.tr("request." + std::string(declarations::toString(r.request))));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(statusLabel(r.status, lang).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.tr("channel." + r.channel));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(MaskedNumber::of(r.bhxhCode).c_str());
        }
    }
    ImGui::EndTable();
}

} // namespace bhxh::ui
