#include "ui/view.h"

namespace bhxh::ui {
View::~View() = default;
} // namespace bhxh::ui
