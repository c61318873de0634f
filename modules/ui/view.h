#pragma once
#include "ui/ui_context.h"

namespace bhxh::ui {

/// One screen of the console (a tab). draw() runs on the UI thread every frame and must not do
/// I/O, query SQLite, touch the network or run a model: it reads snapshots and sends commands.
class View {
public:
    virtual ~View();
    /// Key in assets/lang of the tab title.
    [[nodiscard]] virtual const char* titleKey() const = 0;
    virtual void draw(const UiContext& ctx) = 0;
    /// The view comes into sight: its tab was picked, or the desk was unlocked or signed into
    /// with it in front. Called before that frame's draw(); views that show stored data ask for
    /// it afresh here (a decision taken elsewhere, another officer's role).
    virtual void onShow() {}
};

} // namespace bhxh::ui
