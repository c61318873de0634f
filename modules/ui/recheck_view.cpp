#include "ui/recheck_view.h"

#include "ui/escape_key.h"
#include "ui/keys.h"
#include "ui/face_pair_table.h"
#include "ui/row_scroll.h"
#include "ui/table_header.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace bhxh::ui {
namespace {

const ImVec4 kGood(0.16f, 0.55f, 0.27f, 1);
const ImVec4 kBad(0.78f, 0.18f, 0.16f, 1);
const ImVec4 kWarn(0.80f, 0.50f, 0.08f, 1);

ImVec4 stateColor(const std::string& state) {
    if (state == "confirmed") return kGood;
    if (state == "flagged") return kBad;
    return kWarn;
}

// "07/12/2026 09:14:05" → "07/12/2026 09:14".
std::string shortTime(const std::string& at) { return at.size() > 16 ? at.substr(0, 16) : at; }

// A finding as recorded with the decision ("<item>:<severity>:<state>") in the desk's words.
std::string findingText(const std::string& finding, const LangCatalog& lang) {
    const auto first = finding.find(':');
    const auto last = finding.rfind(':');
    if (first == std::string::npos || last == first) return finding;
    const std::string item = finding.substr(0, first);
    const std::string state = finding.substr(last + 1);
    if (item.rfind("field.", 0) == 0) return lang.format("check.field." + state, {{"field", lang.tr(item)}});
    if (item.rfind("rule.", 0) == 0 && lang.has(item + "." + state)) return lang.tr(item + "." + state);
    if (item.rfind("face.", 0) == 0 && lang.has("check.face." + state)) {
        return lang.format("check.face." + state, {{"pair", lang.tr("face.pair." + item.substr(5))}});
    }
    if (lang.has("check." + item + "." + state)) return lang.tr("check." + item + "." + state);
    return finding;
}

// An acknowledgement as recorded ("<item>: <reason>") in the desk's words.
std::string acknowledgementText(const std::string& ack, const LangCatalog& lang) {
    const auto colon = ack.find(": ");
    if (colon == std::string::npos) return ack;
    const std::string item = ack.substr(0, colon);
    const std::string reason = ack.substr(colon + 2);
    const std::string itemText = lang.has(item) ? lang.tr(item) : item;
    const std::string reasonText = lang.has("ack_reason." + reason) ? lang.tr("ack_reason." + reason) : reason;
    return itemText + " — " + reasonText;
}

void label(const char* text) {
    ImGui::TextDisabled("%s", text);
    ImGui::SameLine(ImGui::GetFontSize() * 11);
}

} // namespace

RecheckView::RecheckView(const RecheckSnapshot& snapshot, Commands commands, std::vector<std::string> flagReasons)
    : m_snap(snapshot), m_commands(std::move(commands)), m_reasons(std::move(flagReasons)) {}

void RecheckView::onShow() {
    if (m_commands.refresh) m_commands.refresh();
}

std::vector<View::KeyHint> RecheckView::keyHints() const {
    return {{"↑ / ↓  Enter", "keys.recheck_move"},
            {"F8 → Enter", "keys.recheck_confirm"},
            {"F9", "keys.recheck_flag"},
            {"F10", "keys.recheck_follow_up"}};
}

const RecheckSnapshot::Row* RecheckView::chosen() const {
    if (m_snap.rows.empty() || m_selected >= m_snap.rows.size()) return nullptr;
    return &m_snap.rows[m_selected];
}

void RecheckView::openFlag(bool followUp) {
    m_openFlag = true;
    m_reason = -1;
    m_followUp = followUp;
    m_note[0] = '\0';
}

void RecheckView::handleKeys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
    if (ImGui::IsKeyPressed(keys::F5, false) && m_commands.refresh) m_commands.refresh();
    const auto& rows = m_snap.rows;
    if (rows.empty() || io.KeyCtrl || io.KeyAlt) return;
    if (ImGui::IsKeyPressed(keys::Down) || ImGui::IsKeyPressed(keys::J)) {
        m_selected = std::min(m_selected + 1, rows.size() - 1);
        m_scrollToSelected = true;
    }
    if (ImGui::IsKeyPressed(keys::Up) || ImGui::IsKeyPressed(keys::K)) {
        m_selected = m_selected > 0 ? m_selected - 1 : 0;
        m_scrollToSelected = true;
    }
    if (ImGui::IsKeyPressed(keys::Enter, false)) m_scrollToSelected = true;
    const auto* row = chosen();
    if (!row || row->state != "open") return;
    if (ImGui::IsKeyPressed(keys::F8, false)) m_openConfirm = true;
    if (ImGui::IsKeyPressed(keys::F9, false)) openFlag(false);
    if (ImGui::IsKeyPressed(keys::F10, false)) openFlag(true);
}

void RecheckView::draw(const UiContext& ctx) {
    const LangCatalog& lang = ctx.lang;
    // A reload keeps the chosen sample chosen (it may have moved: judged ones go down the list).
    if (m_seenVersion != m_snap.version) {
        m_seenVersion = m_snap.version;
        for (std::size_t i = 0; i < m_snap.rows.size(); ++i) {
            if (m_snap.rows[i].sampleId == m_selectedId) m_selected = i;
        }
        if (m_selected >= m_snap.rows.size()) m_selected = m_snap.rows.empty() ? 0 : m_snap.rows.size() - 1;
    }
    handleKeys();
    if (const auto* row = chosen(); row && row->sampleId != m_selectedId) {
        m_selectedId = row->sampleId;
        m_photos.reset();
        if (m_commands.select) m_commands.select(row->sampleId);
    }

    if (m_snap.denied) {
        ImGui::TextColored(kBad, "%s", lang.tr("qa.error.denied"));
        return;
    }
    ImGui::TextWrapped("%s", lang.tr("recheck.hint"));
    const std::string refresh = std::string(lang.tr("outbox.refresh")) + " (F5)";
    if (ImGui::Button(refresh.c_str()) && m_commands.refresh) m_commands.refresh();
    if (!m_snap.messageKey.empty()) {
        ImGui::SameLine();
        const bool error = m_snap.messageKey.rfind("qa.error.", 0) == 0;
        ImGui::TextColored(error ? kBad : kGood, "%s", lang.tr(m_snap.messageKey));
    }
    if (!m_snap.error.empty()) ImGui::TextColored(kBad, "%s", lang.tr("qa.error.store"));
    if (m_snap.rows.empty()) {
        ImGui::TextDisabled("%s", lang.tr(m_snap.loading ? "recheck.loading" : "recheck.empty"));
        return;
    }
    drawList(lang);
    if (const auto* row = chosen()) drawEvidence(*row, lang);
    drawConfirm(lang);
    drawFlag(lang);
}

void RecheckView::drawList(const LangCatalog& lang) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    const float height = std::min(ImGui::GetContentRegionAvail().y * 0.38f,
                                  ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(m_snap.rows.size() + 2));
    if (!ImGui::BeginTable("##recheck", 6, flags, ImVec2(0, height))) return;
    TableHeader::setup(lang, {{"recheck.col.decided", 1.3f}, {"recheck.col.dossier", 1.4f},
                              {"recheck.col.officer", 1.1f}, {"recheck.col.citizen", 1.2f},
                              {"recheck.col.why", 1.2f}, {"recheck.col.state", 1.0f}});
    if (m_scrollToSelected) {
        RowScroll::keepInView(m_selected, ImGui::GetTextLineHeightWithSpacing());
        m_scrollToSelected = false;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_snap.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& r = m_snap.rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::PushID(static_cast<int>(r.sampleId));
            ImGui::TableNextColumn();
            if (ImGui::Selectable(shortTime(r.decidedAt).c_str(), static_cast<std::size_t>(i) == m_selected,
                                  ImGuiSelectableFlags_SpanAllColumns)) {
                m_selected = static_cast<std::size_t>(i);
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.dossierNo.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.officer.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.citizenIdMasked.empty() ? "—" : r.citizenIdMasked.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lang.tr("qa.reason." + r.reason));
            ImGui::TableNextColumn();
            ImGui::TextColored(stateColor(r.state), "%s", lang.tr("qa.state." + r.state));
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void RecheckView::drawEvidence(const RecheckSnapshot::Row& r, const LangCatalog& lang) {
    ImGui::Separator();
    // The verdict buttons, each with its key; a sample is judged once.
    const bool open = r.state == "open";
    ImGui::BeginDisabled(!open);
    const std::string confirm = std::string(lang.tr("recheck.confirm")) + " (F8)";
    const std::string flag = std::string(lang.tr("recheck.flag")) + " (F9)";
    const std::string followUp = std::string(lang.tr("recheck.follow_up")) + " (F10)";
    if (ImGui::Button(confirm.c_str())) m_openConfirm = true;
    ImGui::SameLine();
    if (ImGui::Button(flag.c_str())) openFlag(false);
    ImGui::SameLine();
    if (ImGui::Button(followUp.c_str())) openFlag(true);
    ImGui::EndDisabled();

    ImGui::BeginChild("##evidence", ImVec2(0, 0), false);
    const float photoHeight = std::clamp(ImGui::GetContentRegionAvail().y * 0.45f, 80.0f, 220.0f);
    ImGui::BeginGroup();
    label(lang.tr("recheck.dossier"));
    ImGui::TextUnformatted(r.dossierNo.c_str());
    label(lang.tr("recheck.citizen"));
    if (r.citizenName.empty()) {
        ImGui::TextDisabled("%s", lang.tr("recheck.citizen_gone"));
    } else {
        ImGui::Text("%s  (%s)", r.citizenName.c_str(), r.citizenIdMasked.c_str());
    }
    label(lang.tr("recheck.decided"));
    ImGui::Text("%s — %s", r.decidedAt.c_str(), r.officer.c_str());
    label(lang.tr("recheck.second_officer"));
    ImGui::TextUnformatted(r.secondOfficer.empty() ? "—" : r.secondOfficer.c_str());
    label(lang.tr("recheck.why"));
    ImGui::TextUnformatted(lang.tr("qa.reason." + r.reason));
    label(lang.tr("recheck.card"));
    ImGui::TextUnformatted(lang.tr("recheck.card." + (r.cardScanned.empty() ? std::string("none") : r.cardScanned)));
    label(lang.tr("recheck.face"));
    if (r.facePairs.empty()) {
        ImGui::TextDisabled("%s", lang.tr("recheck.face_none"));
    } else {
        ImGui::TextDisabled("%s", r.faceModel.empty() ? "—" : r.faceModel.c_str());
        FacePairTable::draw("##recheck-face-pairs", r.facePairs, lang);
    }
    label(lang.tr("recheck.fields"));
    std::string fields;
    for (const auto& f : r.fieldsMatched) fields += (fields.empty() ? "" : ", ") + std::string(lang.tr("field." + f));
    ImGui::TextWrapped("%s", fields.empty() ? "—" : fields.c_str());
    label(lang.tr("recheck.state"));
    ImGui::TextColored(stateColor(r.state), "%s", lang.tr("qa.state." + r.state));
    if (!open) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", lang.format("recheck.reviewed_by", {{"officer", r.reviewer}}).c_str());
    }
    if (r.state == "flagged") {
        label(lang.tr("recheck.flag_reason"));
        ImGui::TextColored(kBad, "%s", lang.tr("qa.flag." + r.flagReason));
        if (r.followUp) {
            ImGui::SameLine();
            ImGui::TextColored(kWarn, "· %s", lang.tr("recheck.follow_up_open"));
        }
        if (!r.note.empty()) {
            label(lang.tr("recheck.note"));
            ImGui::TextWrapped("%s", r.note.c_str());
        }
    }
    ImGui::EndGroup();

    ImGui::Spacing();
    ImGui::TextUnformatted(lang.tr("recheck.findings"));
    if (r.findings.empty()) ImGui::TextDisabled("  %s", lang.tr("recheck.findings_none"));
    for (const auto& f : r.findings) ImGui::TextColored(kWarn, "  – %s", findingText(f, lang).c_str());
    ImGui::TextUnformatted(lang.tr("recheck.acknowledgements"));
    if (r.acknowledgements.empty()) ImGui::TextDisabled("  %s", lang.tr("recheck.acknowledgements_none"));
    for (const auto& a : r.acknowledgements) ImGui::Text("  – %s", acknowledgementText(a, lang).c_str());
    ImGui::Spacing();
    ImGui::TextUnformatted(lang.tr("recheck.photos"));
    if (m_snap.photosOf == r.sampleId && !m_snap.photos.empty()) {
        m_photos.draw(m_snap.photos, lang, photoHeight);
    } else {
        ImGui::TextDisabled("  %s", lang.tr("photo.none"));
    }
    ImGui::EndChild();
}

const RecheckSnapshot::Row* RecheckView::beginRowDialog(bool& requested, const char* id, const char* titleKey,
                                                        const LangCatalog& lang) {
    const std::string popupId = std::string("###") + id;
    if (requested) {
        ImGui::OpenPopup(popupId.c_str());
        requested = false;
    }
    const std::string title = std::string(lang.tr(titleKey)) + popupId;
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return nullptr;
    const auto* row = chosen();
    if (!row || row->state != "open") {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return nullptr;
    }
    return row;
}

void RecheckView::drawConfirm(const LangCatalog& lang) {
    const auto* row = beginRowDialog(m_openConfirm, "recheck-confirm", "recheck.confirm_title", lang);
    if (!row) return;
    ImGui::TextUnformatted(lang.format("recheck.confirm_line", {{"dossier", row->dossierNo}, {"officer", row->officer}}).c_str());
    const std::string ok = std::string(lang.tr("recheck.confirm")) + " (Enter)";
    const bool confirmed = ImGui::Button(ok.c_str()) || ImGui::IsKeyPressed(keys::Enter, false);
    ImGui::SameLine();
    const std::string cancel = std::string(lang.tr("common.cancel")) + " (Esc)";
    if (ImGui::Button(cancel.c_str()) || EscapeKey::take()) {
        ImGui::CloseCurrentPopup();
    } else if (confirmed) {
        if (m_commands.confirm) m_commands.confirm(row->sampleId);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void RecheckView::drawFlag(const LangCatalog& lang) {
    // The key that opened the dialog (F10) is still down this frame: it does not toggle below.
    const bool opening = m_openFlag;
    const auto* row = beginRowDialog(m_openFlag, "recheck-flag", "recheck.flag_title", lang);
    if (!row) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::TextUnformatted(lang.format("recheck.flag_line", {{"dossier", row->dossierNo}, {"officer", row->officer}}).c_str());
    ImGui::TextDisabled("%s", lang.tr("recheck.flag_reason_hint"));
    // The reason: a digit (before the note is typed in) or ↑/↓ (always; the note is one line).
    const int count = static_cast<int>(m_reasons.size());
    if (ImGui::IsKeyPressed(keys::Down) && count > 0) {
        m_reason = std::min(m_reason + 1, count - 1);
        m_focusNote = true;
    }
    if (ImGui::IsKeyPressed(keys::Up) && count > 0) {
        m_reason = std::max(m_reason - 1, 0);
        m_focusNote = true;
    }
    for (int i = 0; i < count; ++i) {
        const std::string text = std::to_string(i + 1) + ". " + lang.tr("qa.flag." + m_reasons[static_cast<std::size_t>(i)]);
        if (ImGui::RadioButton(text.c_str(), m_reason == i)) {
            m_reason = i;
            m_focusNote = true;
        }
        if (i < 9 && !io.WantTextInput && !io.KeyAlt && !io.KeyCtrl && ImGui::IsKeyPressed(keys::Digit1 + i, false)) {
            m_reason = i;
            m_focusNote = true;
        }
    }
    ImGui::TextUnformatted(lang.tr("recheck.note_label"));
    if (m_focusNote) {
        ImGui::SetKeyboardFocusHere();
        m_focusNote = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
    ImGui::InputText("##note", m_note, sizeof m_note);
    // F10 toggles the follow-up (a function key types nothing into the note).
    if (!opening && ImGui::IsKeyPressed(keys::F10, false)) m_followUp = !m_followUp;
    const std::string follow = std::string(lang.tr("recheck.follow_up_check")) + " (F10)";
    ImGui::Checkbox(follow.c_str(), &m_followUp);
    const bool ready = m_reason >= 0 && m_reason < count;
    ImGui::BeginDisabled(!ready);
    const std::string save = std::string(lang.tr("recheck.flag_save")) + " (Enter)";
    const bool saved = ImGui::Button(save.c_str()) || (ready && ImGui::IsKeyPressed(keys::Enter, false));
    ImGui::EndDisabled();
    ImGui::SameLine();
    const std::string cancel = std::string(lang.tr("common.cancel")) + " (Esc)";
    if (ImGui::Button(cancel.c_str()) || EscapeKey::take()) {
        ImGui::CloseCurrentPopup();
    } else if (saved && ready) {
        if (m_commands.flag) {
            m_commands.flag(row->sampleId, m_reasons[static_cast<std::size_t>(m_reason)], m_note, m_followUp);
        }
        std::memset(m_note, 0, sizeof m_note);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace bhxh::ui
