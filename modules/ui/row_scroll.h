#pragma once
#include <cstddef>

namespace bhxh::ui {

/// Keyboard row choice in a virtualised table (only the visible rows are drawn): scrolls the
/// table so the chosen row is in view, without drawing the rows above it. Call inside the
/// table, before its rows, on the frame the choice moved.
class RowScroll {
public:
    static void keepInView(std::size_t row, float rowHeight);
};

} // namespace bhxh::ui
