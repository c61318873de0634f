#include "ui/row_scroll.h"

#include <imgui.h>

namespace bhxh::ui {

void RowScroll::keepInView(std::size_t row, float rowHeight) {
    const float y = static_cast<float>(row) * rowHeight;
    const float top = ImGui::GetScrollY();
    const float visible = ImGui::GetWindowHeight() - rowHeight * 2;
    if (y < top) ImGui::SetScrollY(y);
    if (y > top + visible) ImGui::SetScrollY(y - visible);
}

} // namespace bhxh::ui
