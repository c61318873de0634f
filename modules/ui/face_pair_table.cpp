#include "ui/face_pair_table.h"

#include <imgui.h>

#include <cstdio>
#include <string>

namespace bhxh::ui {
namespace {

ImVec4 bandColor(face::Band band) {
    if (band == face::Band::Same) return ImVec4(0.16f, 0.55f, 0.27f, 1.0f);
    if (band == face::Band::Different) return ImVec4(0.78f, 0.18f, 0.16f, 1.0f);
    return ImVec4(0.80f, 0.50f, 0.08f, 1.0f);
}

} // namespace

void FacePairTable::draw(const char* id, const std::vector<FacePairView>& pairs, const LangCatalog& lang) {
    if (pairs.empty() || !ImGui::BeginTable(id, 3, ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("##pair", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    // Wide enough for a negative score ("-0.02"), which must never break after its sign.
    ImGui::TableSetupColumn("##score", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("-0.00").x);
    ImGui::TableSetupColumn("##band", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    for (const auto& p : pairs) {
        std::string key = "face.pair." + p.label;
        for (auto& c : key) c = c == '-' ? '_' : c;
        char score[16] = "—";
        if (p.score) std::snprintf(score, sizeof score, "%.2f", *p.score);
        const ImVec4 colour = bandColor(p.band);
        ImGui::TableNextRow();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(lang.tr(key));
        ImGui::TableNextColumn();
        ImGui::TextColored(colour, "%s", score);
        ImGui::TableNextColumn();
        ImGui::TextColored(colour, "%s", lang.tr("face.band." + std::string(face::bandName(p.band))));
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
}

} // namespace bhxh::ui
