#include "ui/camera_picture.h"

#include "ui/photo_panel.h"

#include <imgui.h>

namespace bhxh::ui {

void drawCameraPicture(const Picture& picture, const std::vector<std::array<float, 2>>& outline, float width,
                       const char* emptyText) {
    const float w = width;
    const float h = picture.valid() ? w * static_cast<float>(picture.height) / static_cast<float>(picture.width) : w * 0.5625f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), IM_COL32(40, 40, 40, 255));
    if (!picture.valid()) {
        ImGui::Dummy(ImVec2(w, h));
        dl->AddText(ImVec2(at.x + 10, at.y + h * 0.45f), IM_COL32(220, 220, 220, 255), emptyText);
        return;
    }
    drawFittedImage(picture, ImVec2(w, h));
    if (outline.size() != 4) return;
    const float s = w / static_cast<float>(picture.width);
    ImVec2 pts[4];
    for (int i = 0; i < 4; ++i) pts[i] = ImVec2(at.x + outline[i][0] * s, at.y + outline[i][1] * s);
    dl->AddPolyline(pts, 4, IM_COL32(40, 220, 90, 255), ImDrawFlags_Closed, 3.0f);
}

} // namespace bhxh::ui
