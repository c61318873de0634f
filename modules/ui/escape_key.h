#pragma once

namespace bhxh::ui {

/// Esc closes the top-most overlay only (the key map, a zoomed photo, a dialog), never what is
/// beneath it. Whoever closes something on Esc asks here first: the first caller in a frame
/// where Esc was pressed gets true, every later caller false. Overlays drawn on top ask first
/// (the shell asks before the views draw). UI thread.
class EscapeKey {
public:
    /// True once per Esc press, for the first caller.
    [[nodiscard]] static bool take();
    /// Esc was pressed this frame and nobody took it yet.
    [[nodiscard]] static bool pending();
};

} // namespace bhxh::ui
