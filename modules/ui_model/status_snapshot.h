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
    /// A sync under way (bulk lane): pages and declarations pulled, then files checked of total.
    struct Sync {
        bool running = false;
        bool files = false;  ///< downloading files (else pulling pages)
        std::size_t pages = 0, pulled = 0, filesDone = 0, checked = 0, toCheck = 0;
    };
    Sync sync;
};

} // namespace bhxh::ui
