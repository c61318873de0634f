#pragma once
#include "ui_model/lang_catalog.h"

#include <initializer_list>

namespace bhxh::ui {

/// The header of a scrolling list table (queue, outbox, re-check): the header row frozen at the
/// top, each column's title from the language files and its share of the width. Call right after
/// ImGui::BeginTable.
class TableHeader {
public:
    struct Column {
        const char* titleKey;  ///< a language key; one starting with '#' is shown as it is
        float weight;          ///< share of the table's width
    };
    static void setup(const LangCatalog& lang, std::initializer_list<Column> columns);
};

} // namespace bhxh::ui
