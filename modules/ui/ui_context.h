#pragma once
#include "ui_model/lang_catalog.h"
#include "ui_model/status_snapshot.h"
#include "ui/typed_keys.h"

namespace bhxh::ui {

/// What every view may read while drawing. Borrowed, never owned.
struct UiContext {
    const LangCatalog& lang;
    const StatusSnapshot& status;
    /// This frame's typed keys, stamped when they reached the desk (handheld scanners).
    const TypedKeys& typed = TypedKeys::none();
};

} // namespace bhxh::ui
