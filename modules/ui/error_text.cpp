#include "ui/error_text.h"

#include "ui_model/error_key.h"

namespace bhxh::ui {
void ErrorText::draw(const LangCatalog& lang, std::string_view detail, const char* fallbackKey, const ImVec4& color) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(color, "%s", lang.tr(ErrorKey::keyFor(lang, detail, fallbackKey)));
    if (!detail.empty()) ImGui::TextDisabled("%.*s", static_cast<int>(detail.size()), detail.data());
    ImGui::PopTextWrapPos();
}

} // namespace bhxh::ui
