#pragma once
#include <cstddef>
#include <string>

namespace bhxh::ui {

/// What the status bar shows. Workers post updates to the main-thread queue; the UI reads it.
struct StatusSnapshot {
    enum class Camera { None, Off, Starting, Live, Lost };

    std::string officer;            ///< display name; empty = nobody logged in
    bool online = false;            ///< portal reachable at the last attempt
    std::string lastSync;           ///< local time "HH:MM", empty = never
    std::size_t outboxPending = 0;
    std::size_t outboxFailed = 0;
    Camera camera = Camera::Off;
};

} // namespace bhxh::ui
