#include "ui/table_header.h"

#include <imgui.h>

namespace bhxh::ui {

void TableHeader::setup(const LangCatalog& lang, std::initializer_list<Column> columns) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const auto& c : columns) {
        ImGui::TableSetupColumn(c.titleKey[0] == '#' ? c.titleKey : lang.tr(c.titleKey), 0, c.weight);
    }
    ImGui::TableHeadersRow();
}

} // namespace bhxh::ui
