#pragma once
#include "ui_model/desk_snapshot.h"
#include "ui_model/lang_catalog.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace bhxh::ui {

/// The declaration's photos as a row of thumbnails; a click (or Z) opens one large with zoom
/// (mouse wheel, +/-), the other photos on ←/→, and rotation (R, 90° steps); Esc (or Z) closes
/// it. Owns only display state.
class PhotoPanel {
public:
    /// Width of a thumbnail over its height.
    static constexpr float kThumbAspect = 0.78f;
    /// `height` is the thumbnails' height in pixels.
    void draw(const std::vector<PhotoSlot>& photos, const LangCatalog& lang, float height);
    /// Closes the zoomed photo and forgets rotations (another declaration opened).
    void reset();

private:
    void handleKeys(const std::vector<PhotoSlot>& photos);
    void drawZoom(const std::vector<PhotoSlot>& photos, const LangCatalog& lang);
    std::string m_zoomKind;
    float m_zoom = 1.0f;
    std::vector<std::pair<std::string, int>> m_quarterTurns;  // kind → 0..3
    int& turnsOf(const std::string& kind);
};

/// Draws a texture fitted into `box` (keeping its aspect), turned by quarterTurns × 90°.
void drawFittedImage(const Picture& picture, ImVec2 box, int quarterTurns = 0);

} // namespace bhxh::ui
