#include "ui/empty_state_view.h"

#include <imgui.h>

namespace bhxh::ui {

EmptyStateView::EmptyStateView(std::string titleKey, std::string hintKey)
    : m_titleKey(std::move(titleKey)), m_hintKey(std::move(hintKey)) {}

void EmptyStateView::draw(const UiContext& ctx) {
    ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));
    ImGui::TextUnformatted(ctx.lang.tr(m_titleKey));
    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", ctx.lang.tr(m_hintKey));
    ImGui::PopTextWrapPos();
}

} // namespace bhxh::ui
