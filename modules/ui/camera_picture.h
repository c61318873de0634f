#pragma once
#include "ui_model/picture.h"

#include <array>
#include <vector>

namespace bhxh::ui {

/// Draws a camera's live picture `width` wide (16:9 grey box while there is none, with
/// `emptyText` in it) and the outline of the last QR code (corners in texture pixels). The desk
/// and the settings screen's preview draw the camera the same way.
void drawCameraPicture(const Picture& picture, const std::vector<std::array<float, 2>>& outline, float width,
                       const char* emptyText);

} // namespace bhxh::ui
