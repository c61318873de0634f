#pragma once
#include "ui_model/outbox_snapshot.h"
#include "ui/view.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace bhxh::ui {

/// Every portal decision, SMS and e-mail with its state and last error. A supervisor sends a
/// failed or unknown row again, or cancels one that is not sent (the controller checks the role).
/// Keys: ↑/↓ (J/K) choose a row, Ctrl+R sends it again, Delete cancels it, Alt+1 changes the
/// state filter, F5 reloads.
class OutboxView final : public View {
public:
    struct Commands {
        std::function<void()> refresh;
        std::function<void(std::int64_t id)> retry;
        std::function<void(std::int64_t id)> cancel;
        std::function<void(std::optional<notify::OutboxState> state)> filter;  ///< nullopt = all states
    };
    OutboxView(const OutboxSnapshot& snapshot, Commands commands);
    [[nodiscard]] const char* titleKey() const override { return "view.outbox"; }
    void draw(const UiContext& ctx) override;
    void onShow() override;

private:
    void handleKeys();
    [[nodiscard]] static bool canRetry(const OutboxRowView& r);
    [[nodiscard]] static bool canCancel(const OutboxRowView& r);

    const OutboxSnapshot& m_outbox;
    Commands m_commands;
    std::optional<notify::OutboxState> m_state;
    std::size_t m_selected = 0;  // the row the keys act on
    bool m_scrollToSelected = false;
};

} // namespace bhxh::ui
