#pragma once
#include "ui/lang_catalog.h"
#include "ui/status_snapshot.h"

namespace bhxh::ui {

/// What every view may read while drawing. Borrowed, never owned.
struct UiContext {
    const LangCatalog& lang;
    const StatusSnapshot& status;
};

} // namespace bhxh::ui
