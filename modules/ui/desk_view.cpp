#include "ui/desk_view.h"

#include "common/local_time.h"
#include "ui/camera_picture.h"
#include "ui/face_pair_table.h"
#include "ui/keys.h"
#include "ui_model/masked_number.h"
#include "ui/print_status_line.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace bhxh::ui {
namespace {

const ImVec4 kGood(0.16f, 0.55f, 0.27f, 1.0f);
const ImVec4 kBad(0.78f, 0.18f, 0.16f, 1.0f);
const ImVec4 kWarn(0.80f, 0.50f, 0.08f, 1.0f);
const ImU32 kMismatchRow = IM_COL32(250, 215, 210, 255);

bool isPersonalNumber(const std::string& field) {
    return field == "id_number" || field == "bhxh_code" || field == "phone";
}

std::string displayValue(const std::string& field, const std::string& value, const LangCatalog& lang) {
    if (field == "gender" && !value.empty()) return lang.tr("gender." + value);
    if (field == "date_of_birth") return displayDate(value);
    return value;
}

} // namespace

DeskView::DeskView(const DeskSnapshot& snapshot, Commands commands, AuditNoteFn onReveal)
    : m_desk(snapshot), m_commands(std::move(commands)), m_pii(std::move(onReveal)) {
    m_decision.setCommands(m_commands.decision);
    m_chip.setCommands(m_commands.chip);
}

void DeskView::feedWedge(const TypedKeys& typed) {
    // A handheld scanner types like a keyboard: while no text field has focus, every character
    // goes to the wedge assembler, which tells a scanner's burst from a person by timing. The
    // times are when each key reached the desk, not the frame's (a frame is longer than a gap).
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
    for (const TimedKey& k : typed.frame()) {
        if (!k.isEnter() && m_commands.wedgeKey) m_commands.wedgeKey(k.codepoint, k.at);
        if (k.isEnter() && m_commands.wedgeEnter) m_commands.wedgeEnter(k.at);
    }
}

void DeskView::draw(const UiContext& ctx) {
    const LangCatalog& lang = ctx.lang;
    feedWedge(ctx.typed);
    // Characters typed a moment ago: a handheld scanner's burst, whose Enter must confirm nothing.
    for (const auto& k : ctx.typed.frame()) {
        if (!k.isEnter()) m_lastTypedChar = k.at;
    }
    const bool scannerTyping = TypedKeys::Clock::now() - m_lastTypedChar < kScannerEnterWindow;
    const std::string dossier = m_desk.declaration ? m_desk.declaration->dossierNo : "";
    if (dossier != m_shownDossier) {
        m_shownDossier = dossier;
        m_pii.hideAll();
        m_photos.reset();
        m_decision.reset();
        m_chip.reset();
    }
    const bool noPopup = !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    if (noPopup && !ImGui::GetIO().WantTextInput) {
        const bool ctrl = ImGui::GetIO().KeyCtrl;
        if (ImGui::IsKeyPressed(keys::F6, false) && m_commands.captureLive) m_commands.captureLive();
        if (ctrl && ImGui::IsKeyPressed(keys::N, false) && m_commands.openIncoming) m_commands.openIncoming();
        if (ctrl && ImGui::IsKeyPressed(keys::K, false) && m_commands.keepCurrent && m_desk.incoming) m_commands.keepCurrent();
        if (ctrl && ImGui::IsKeyPressed(keys::W, false) && m_commands.close && m_desk.declaration) m_commands.close();
        if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(keys::R, false) && m_desk.declaration) {
            m_pii.revealAll(m_desk.declaration->dossierNo);  // audited per number, as the button
        }
    }

    drawMessage(lang);
    drawIncoming(lang);
    const float leftWidth = ImGui::GetContentRegionAvail().x * 0.40f;
    const float leftHeight = ImGui::GetContentRegionAvail().y;
    ImGui::BeginChild("##desk-left", ImVec2(leftWidth, 0), false);
    // With a declaration open the camera gives up height, so the photos and the face scores stay
    // in view at any font scale (kiosk); the photo strip fits the pane's width.
    const float cameraWidth = m_desk.declaration ? std::min(leftWidth, leftHeight * 0.30f / 0.5625f) : leftWidth;
    drawCamera(lang, cameraWidth);
    if (m_desk.declaration) {
        ImGui::Separator();
        const float n = static_cast<float>(std::max<std::size_t>(m_desk.photos.size(), 1));
        const float fitWidth = (leftWidth - ImGui::GetStyle().ItemSpacing.x * (n + 1)) / n;
        m_photos.draw(m_desk.photos, lang, std::min(ImGui::GetTextLineHeight() * 7.5f, fitWidth / PhotoPanel::kThumbAspect));
        ImGui::Separator();
        drawFace(lang);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##desk-right", ImVec2(0, 0), false);
    if (!m_desk.declaration) {
        ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", lang.tr("view.desk.hint"));
        ImGui::PopTextWrapPos();
    } else {
        const auto& d = *m_desk.declaration;
        drawHeader(d, lang);
        m_chip.draw(m_desk.chip, lang, noPopup);
        drawComparison(d, lang);
        drawRequest(d, lang);
        ImGui::Separator();
        m_decision.draw(m_desk, lang, noPopup && !ImGui::GetIO().WantTextInput, scannerTyping);
        drawOutgoing(lang);
    }
    ImGui::EndChild();
}

void DeskView::drawMessage(const LangCatalog& lang) {
    if (m_desk.phase == DeskSnapshot::Phase::Looking) {
        ImGui::TextColored(kWarn, "%s", lang.tr("desk.looking"));
    } else if (!m_desk.messageKey.empty()) {
        const std::string text = lang.formatMap(m_desk.messageKey, m_desk.messageParams);
        ImGui::TextColored(m_desk.messageIsError ? kBad : kGood, "%s", text.c_str());
    } else {
        ImGui::TextDisabled("%s", lang.tr("desk.ready"));
    }
    PrintStatusLine::draw(m_desk.print, lang);
    ImGui::Separator();
}

void DeskView::drawCamera(const LangCatalog& lang, float width) {
    const Picture& cam = m_desk.camera;
    drawCameraPicture(cam, m_desk.qrOutline, width - ImGui::GetStyle().ItemSpacing.x, lang.tr("desk.no_camera"));
    const std::string capture = std::string(lang.tr("desk.capture_live")) + " (F6)";
    ImGui::BeginDisabled(!cam.valid() || !m_desk.declaration);
    if (ImGui::Button(capture.c_str()) && m_commands.captureLive) m_commands.captureLive();
    ImGui::EndDisabled();
}

void DeskView::drawHeader(const declarations::Declaration& d, const LangCatalog& lang) {
    ImGui::Text("%s", d.fullName.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s %s · %s · %s", lang.tr("desk.dossier"), d.dossierNo.c_str(),
                        lang.tr("request." + std::string(declarations::toString(d.request))), lang.tr("channel." + d.channel));
    if (m_desk.daysLeft) {
        const int left = *m_desk.daysLeft;
        const std::string days = std::to_string(left);
        const std::string& date = m_desk.deadline;
        const std::string text =
            left < 0 ? (date.empty() ? std::string(lang.tr("desk.expired")) : lang.format("desk.expired_on", {{"date", date}}))
                     : (date.empty() ? lang.format("desk.days_left", {{"days", days}})
                                     : lang.format("desk.days_left_on", {{"days", days}, {"date", date}}));
        ImGui::TextColored(left < 0 ? kBad : (left <= 2 ? kWarn : kGood), "%s", text.c_str());
        ImGui::SameLine();
    }
    ImGui::TextDisabled("%s: %s", lang.tr("desk.status"), lang.tr("decl_status." + std::string(declarations::toString(d.status))));
    if (m_desk.leaseState == declarations::LeaseState::Conflict) {
        ImGui::TextColored(kBad, "%s", lang.format("desk.lease_conflict", {{"desk", m_desk.leaseHolder}}).c_str());
    } else if (m_desk.leaseState == declarations::LeaseState::Offline) {
        ImGui::TextColored(kWarn, "%s", lang.tr("desk.lease_offline"));
    } else if (m_desk.leaseState == declarations::LeaseState::Refused) {
        ImGui::TextColored(kBad, "%s", lang.format("desk.lease_refused", {{"reason", m_desk.leaseHolder}}).c_str());
    }
    if (d.kind == declarations::DeclarationKind::MinorViaGuardian && d.guardian) {
        ImGui::TextColored(kWarn, "%s", lang.tr("desk.minor"));
        ImGui::SameLine();
        ImGui::Text("%s: %s", lang.tr("desk.guardian"), d.guardian->fullName.c_str());
    }
    if (!m_desk.alternatives.empty()) {
        ImGui::TextDisabled("%s", lang.tr("desk.alternatives"));
        for (const auto& alt : m_desk.alternatives) {
            ImGui::SameLine();
            const std::string label = alt.fullName + " (" + alt.dossierNo + ")";
            if (ImGui::SmallButton(label.c_str()) && m_commands.openAlternative) m_commands.openAlternative(alt.dossierNo);
        }
    }
}

void DeskView::drawComparison(const declarations::Declaration& d, const LangCatalog& lang) {
    if (m_desk.card) {
        const char* origin = m_desk.comparison.cardIsGuardian ? "desk.card_guardian" : "desk.card_citizen";
        ImGui::TextDisabled("%s — %s", lang.tr("card." + std::string(m_desk.card->kind == idcard::CardKind::Cccd ? "cccd" : "bhyt")),
                            lang.tr(origin));
    } else {
        ImGui::TextDisabled("%s", lang.tr("desk.no_card"));
    }
    // The field names and the verdicts are short words that read badly broken: their columns are
    // as wide as their longest text at the current font (capped, then they wrap too). The two
    // value columns share what is left and wrap, so no column runs past the panel, whatever the
    // window width or font scale (kiosk 1.5).
    static const char* const kExtraRows[] = {"phone", "email", "contact_person"};
    float fieldWidth = ImGui::CalcTextSize(lang.tr("desk.col.field")).x;
    for (const auto& f : m_desk.comparison.fields) {
        fieldWidth = std::max(fieldWidth, ImGui::CalcTextSize(lang.tr("field." + f.field)).x);
    }
    for (const char* field : kExtraRows) {
        fieldWidth = std::max(fieldWidth, ImGui::CalcTextSize(lang.tr(std::string("field.") + field)).x);
    }
    float verdictWidth = 0.0f;
    for (const char* key : {"desk.match", "desk.mismatch", "desk.not_on_card"}) {
        verdictWidth = std::max(verdictWidth, ImGui::CalcTextSize(lang.tr(key)).x);
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame;
    // The chip's fields (DG13), when it was read, in a column of their own beside the QR's.
    const auto& chip = m_desk.chip.comparison;
    auto chipField = [&chip](const std::string& field) -> const declarations::FieldCheck* {
        if (!chip) return nullptr;
        for (const auto& c : chip->fields) {
            if (c.field == field) return &c;
        }
        return nullptr;
    };
    if (!ImGui::BeginTable("##compare", chip ? 5 : 4, flags)) return;
    ImGui::TableSetupColumn(lang.tr("desk.col.field"), ImGuiTableColumnFlags_WidthFixed, std::min(fieldWidth, avail * 0.25f));
    ImGui::TableSetupColumn(lang.tr("desk.col.declared"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(lang.tr("desk.col.card"), ImGuiTableColumnFlags_WidthStretch);
    if (chip) ImGui::TableSetupColumn(lang.tr("desk.col.chip"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("##verdict", ImGuiTableColumnFlags_WidthFixed, std::min(verdictWidth, avail * 0.25f));
    ImGui::TableHeadersRow();
    auto row = [&](const std::string& field, const std::string& declared, const std::string& onCard,
                   std::optional<declarations::FieldVerdict> verdict) {
        // The row's verdict is the worse of the QR's and the chip's.
        const declarations::FieldCheck* onChip = chipField(field);
        if (onChip && onChip->verdict == declarations::FieldVerdict::Mismatch) verdict = onChip->verdict;
        if (onChip && onChip->verdict == declarations::FieldVerdict::Match && verdict == declarations::FieldVerdict::NotOnCard) {
            verdict = onChip->verdict;
        }
        ImGui::TableNextRow();
        if (verdict == declarations::FieldVerdict::Mismatch) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kMismatchRow);
        // Every cell wraps at its column's edge (0 = the cell's right side).
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(lang.tr("field." + field));
        ImGui::TableNextColumn();
        if (isPersonalNumber(field)) {
            m_pii.draw(field.c_str(), declared, d.dossierNo, lang);
        } else {
            ImGui::TextUnformatted(displayValue(field, declared, lang).c_str());
        }
        ImGui::TableNextColumn();
        if (isPersonalNumber(field) && !m_pii.revealed(field, d.dossierNo)) {
            ImGui::TextUnformatted(MaskedNumber::of(onCard).c_str());
        } else {
            ImGui::TextUnformatted(displayValue(field, onCard, lang).c_str());
        }
        if (chip) {
            ImGui::TableNextColumn();
            const std::string value = onChip ? onChip->onCard : "";
            const bool differs = onChip && onChip->verdict == declarations::FieldVerdict::Mismatch;
            const std::string shown = isPersonalNumber(field) && !m_pii.revealed(field, d.dossierNo)
                                          ? MaskedNumber::of(value)
                                          : displayValue(field, value, lang);
            if (differs) {
                ImGui::TextColored(kBad, "%s", shown.c_str());
            } else {
                ImGui::TextUnformatted(shown.c_str());
            }
        }
        ImGui::TableNextColumn();
        if (verdict == declarations::FieldVerdict::Match) ImGui::TextColored(kGood, "%s", lang.tr("desk.match"));
        if (verdict == declarations::FieldVerdict::Mismatch) ImGui::TextColored(kBad, "%s", lang.tr("desk.mismatch"));
        if (verdict == declarations::FieldVerdict::NotOnCard) ImGui::TextDisabled("%s", lang.tr("desk.not_on_card"));
        ImGui::PopTextWrapPos();
    };
    for (const auto& f : m_desk.comparison.fields) row(f.field, f.declared, f.onCard, f.verdict);
    row(kExtraRows[0], d.phone, "", std::nullopt);
    row(kExtraRows[1], d.email.value_or(""), "", std::nullopt);
    row(kExtraRows[2], d.contactPerson, "", std::nullopt);
    ImGui::EndTable();
}

void DeskView::drawRequest(const declarations::Declaration& d, const LangCatalog& lang) {
    if (d.request == declarations::DeclarationRequest::Adjust && d.adjust) {
        ImGui::TextUnformatted(lang.tr("desk.adjust_title"));
        if (ImGui::BeginTable("##adjust", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn(lang.tr("desk.col.field"));
            ImGui::TableSetupColumn(lang.tr("desk.col.old"));
            ImGui::TableSetupColumn(lang.tr("desk.col.new"));
            ImGui::TableHeadersRow();
            auto row = [&](const char* field, const std::string& oldValue, const std::optional<std::string>& newValue) {
                if (!newValue) return;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(lang.tr(std::string("field.") + field));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(std::string(field) == "phone" ? MaskedNumber::of(oldValue).c_str() : oldValue.c_str());
                ImGui::TableNextColumn();
                ImGui::TextColored(kWarn, "%s", std::string(field) == "phone" ? MaskedNumber::of(*newValue).c_str() : newValue->c_str());
            };
            row("phone", d.phone, d.adjust->phone);
            row("email", d.email.value_or(""), d.adjust->email);
            row("cert_no", "", d.adjust->certNo);
            row("cert_issuer", "", d.adjust->certIssuer);
            row("cert_valid_to", "", d.adjust->certValidTo);
            ImGui::EndTable();
        }
    } else if (d.request == declarations::DeclarationRequest::Stop && d.stop) {
        ImGui::TextColored(kWarn, "%s", lang.format("desk.stop_title", {{"date", displayDate(d.stop->fromDate)}}).c_str());
        ImGui::TextWrapped("%s: %s", lang.tr("desk.stop_reason"), d.stop->reason.c_str());
    }
}

void DeskView::drawIncoming(const LangCatalog& lang) {
    if (!m_desk.incoming) return;
    // A card scanned while this dossier is open: it waits; the decision is disarmed meanwhile.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.93f, 0.75f, 1.0f));
    ImGui::BeginChild("##incoming", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2.4f), true);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.42f, 0.24f, 0.0f, 1.0f), "%s",
                       lang.format(m_desk.incoming->messageKey, {{"name", m_desk.incoming->maskedName}}).c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void DeskView::drawFace(const LangCatalog& lang) {
    ImGui::TextUnformatted(lang.tr("face.title"));
    const FaceView& f = m_desk.face;
    if (!f.errorKey.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kWarn, "%s", lang.format(f.errorKey, {{"detail", f.errorDetail}}).c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    // The portrait ↔ ID-card pair comes as soon as the photos are loaded; F6 adds the live pairs.
    // Pair, score, band in columns that wrap: at the kiosk's font scale the long labels would
    // otherwise run into the score.
    FacePairTable::draw("##face-pairs", f.pairs, lang);
    if (f.liveness) {
        char value[16];
        std::snprintf(value, sizeof value, "%.2f", static_cast<double>(*f.liveness));
        ImGui::TextDisabled("%s", lang.format("face.liveness", {{"score", value}}).c_str());
    }
    // F6 does nothing once the dossier is decided: no hint then.
    if (f.running || (!f.done && !m_desk.decided)) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", lang.tr(f.running ? "face.working" : "face.waiting_live"));
        ImGui::PopTextWrapPos();
    }
}

void DeskView::drawOutgoing(const LangCatalog& lang) {
    if (m_desk.outgoing.empty()) return;
    ImGui::Separator();
    ImGui::TextUnformatted(lang.tr("desk.outgoing"));
    for (const auto& o : m_desk.outgoing) {
        using notify::OutboxState;
        const bool bad = o.state == OutboxState::Failed || o.state == OutboxState::Unknown;
        ImGui::BulletText("%s", lang.tr("outbox.channel." + o.channel));
        ImGui::SameLine();
        ImGui::TextColored(o.state == OutboxState::Sent ? kGood : (bad ? kBad : kWarn), "%s",
                           lang.tr("notify.state." + std::string(notify::toString(o.state))));
        if (!o.lastError.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("(%s)", o.lastError.c_str());
        }
    }
}

} // namespace bhxh::ui
