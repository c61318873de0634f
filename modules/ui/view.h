#pragma once
#include "ui/ui_context.h"

#include <vector>

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

    /// One row of the key map (F1): the keys as printed and the lang key of what they do.
    struct KeyHint {
        const char* keys;
        const char* langKey;
    };
    /// The view's own keys, listed in the key map while its tab can be shown. Views whose keys
    /// are in the shell's fixed list return none.
    [[nodiscard]] virtual std::vector<KeyHint> keyHints() const { return {}; }
};

} // namespace bhxh::ui
