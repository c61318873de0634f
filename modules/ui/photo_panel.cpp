#include "ui/photo_panel.h"

#include "ui/escape_key.h"
#include "ui/keys.h"
#include "ui/texture_cache.h"

#include <imgui.h>

#include <algorithm>

namespace bhxh::ui {

void drawFittedImage(const Picture& picture, ImVec2 box, int quarterTurns) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(box);
    const std::uintptr_t texture = TextureCache::ui().texture(picture);
    if (texture == 0) return;
    const bool sideways = quarterTurns % 2 == 1;
    const float w = static_cast<float>(sideways ? picture.height : picture.width);
    const float h = static_cast<float>(sideways ? picture.width : picture.height);
    const float scale = std::min(box.x / w, box.y / h);
    const ImVec2 size(w * scale, h * scale);
    const ImVec2 p0(origin.x + (box.x - size.x) * 0.5f, origin.y + (box.y - size.y) * 0.5f);
    const ImVec2 corners[4] = {p0, ImVec2(p0.x + size.x, p0.y), ImVec2(p0.x + size.x, p0.y + size.y),
                               ImVec2(p0.x, p0.y + size.y)};
    const ImVec2 uvs[4] = {ImVec2(0, 0), ImVec2(1, 0), ImVec2(1, 1), ImVec2(0, 1)};
    // Turning the picture clockwise = giving each screen corner the UV of the corner before it.
    const int t = ((quarterTurns % 4) + 4) % 4;
    auto uv = [&](int corner) { return uvs[(corner - t + 4) % 4]; };
    ImGui::GetWindowDrawList()->AddImageQuad(reinterpret_cast<ImTextureID>(texture), corners[0], corners[1],
                                             corners[2], corners[3], uv(0), uv(1), uv(2), uv(3));
}

int& PhotoPanel::turnsOf(const std::string& kind) {
    for (auto& [k, turns] : m_quarterTurns) {
        if (k == kind) return turns;
    }
    m_quarterTurns.emplace_back(kind, 0);
    return m_quarterTurns.back().second;
}

void PhotoPanel::reset() {
    m_zoomKind.clear();
    m_zoom = 1.0f;
    m_quarterTurns.clear();
}

void PhotoPanel::handleKeys(const std::vector<PhotoSlot>& photos) {
    // Z opens the first photo large (or closes it); ←/→ go through the photos, +/- zoom, R turns,
    // Esc closes. Not while a text field or a dialog has the keyboard.
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt ||
        ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
        return;
    }
    std::vector<std::string> shown;
    for (const auto& p : photos) {
        if (p.picture.valid()) shown.push_back(p.kind);
    }
    if (ImGui::IsKeyPressed(keys::Z, false) && !shown.empty()) {
        m_zoomKind = m_zoomKind.empty() ? shown.front() : std::string();
        m_zoom = 1.0f;
    }
    if (m_zoomKind.empty() || shown.empty()) return;
    const auto at = std::find(shown.begin(), shown.end(), m_zoomKind);
    const long i = at == shown.end() ? 0 : static_cast<long>(at - shown.begin());
    const long n = static_cast<long>(shown.size());
    if (ImGui::IsKeyPressed(keys::Right)) m_zoomKind = shown[static_cast<std::size_t>((i + 1) % n)];
    if (ImGui::IsKeyPressed(keys::Left)) m_zoomKind = shown[static_cast<std::size_t>((i + n - 1) % n)];
    if (ImGui::IsKeyPressed(keys::Equal) || ImGui::IsKeyPressed(keys::KeypadAdd)) m_zoom = std::min(8.0f, m_zoom * 1.25f);
    if (ImGui::IsKeyPressed(keys::Minus) || ImGui::IsKeyPressed(keys::KeypadSubtract)) m_zoom = std::max(0.25f, m_zoom / 1.25f);
    if (ImGui::IsKeyPressed(keys::R, false)) turnsOf(m_zoomKind) = (turnsOf(m_zoomKind) + 1) % 4;
}

void PhotoPanel::draw(const std::vector<PhotoSlot>& photos, const LangCatalog& lang, float height) {
    handleKeys(photos);
    const float width = height * kThumbAspect;
    for (std::size_t i = 0; i < photos.size(); ++i) {
        const PhotoSlot& p = photos[i];
        if (i > 0) ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushID(p.kind.c_str());
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRect(at, ImVec2(at.x + width, at.y + height), ImGui::GetColorU32(ImGuiCol_Border));
        if (p.picture.valid()) {
            drawFittedImage(p.picture, ImVec2(width, height), turnsOf(p.kind));
            if (ImGui::IsItemClicked()) {
                m_zoomKind = p.kind;
                m_zoom = 1.0f;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", lang.tr("photo.click_to_zoom"));
        } else {
            ImGui::Dummy(ImVec2(width, height));
            const char* text = p.loading ? lang.tr("photo.loading") : lang.tr(p.errorKey.empty() ? "photo.none" : p.errorKey);
            ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 6, at.y + height * 0.45f), ImGui::GetColorU32(ImGuiCol_TextDisabled), text);
        }
        ImGui::TextUnformatted(lang.tr("photo.kind." + p.kind));
        ImGui::PopID();
        ImGui::EndGroup();
    }
    drawZoom(photos, lang);
}

void PhotoPanel::drawZoom(const std::vector<PhotoSlot>& photos, const LangCatalog& lang) {
    if (m_zoomKind.empty()) return;
    const PhotoSlot* slot = nullptr;
    for (const auto& p : photos) {
        if (p.kind == m_zoomKind) slot = &p;
    }
    if (!slot || !slot->picture.valid()) {
        m_zoomKind.clear();
        return;
    }
    bool open = true;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.6f, vp->WorkSize.y * 0.8f), ImGuiCond_Appearing);
    const std::string title = std::string(lang.tr("photo.kind." + m_zoomKind)) + "###photo-zoom";
    if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_HorizontalScrollbar)) {
        int& turns = turnsOf(m_zoomKind);
        if (ImGui::Button(lang.tr("photo.rotate"))) turns = (turns + 1) % 4;
        ImGui::SameLine();
        if (ImGui::Button("-")) m_zoom = std::max(0.25f, m_zoom / 1.25f);
        ImGui::SameLine();
        if (ImGui::Button("+")) m_zoom = std::min(8.0f, m_zoom * 1.25f);
        ImGui::SameLine();
        ImGui::TextDisabled("%d%%  %s", static_cast<int>(m_zoom * 100), lang.tr("photo.zoom_hint"));
        if (ImGui::IsWindowHovered() && ImGui::GetIO().MouseWheel != 0.0f) {
            m_zoom = std::clamp(m_zoom * (ImGui::GetIO().MouseWheel > 0 ? 1.15f : 1 / 1.15f), 0.25f, 8.0f);
        }
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        drawFittedImage(slot->picture, ImVec2(avail.x * m_zoom, avail.y * m_zoom), turns);
        // The photo only, never the dossier beneath; a dialog opened over it closes first.
        const bool dialogOver = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
        if (!dialogOver && EscapeKey::take()) open = false;
    }
    ImGui::End();
    if (!open) m_zoomKind.clear();
}

} // namespace bhxh::ui
