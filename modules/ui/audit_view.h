#pragma once
#include "ui_model/audit_snapshot.h"
#include "ui/view.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bhxh::ui {

/// The supervisor's audit trail: the newest entries (sign-ins, reveals, decisions, exports,
/// officer changes, purges …) filtered by kind, and a walk of the hash chain that names the first
/// entry edited behind the database's back. The controller checks the role ("audit.view").
class AuditView final : public View {
public:
    struct Commands {
        std::function<void()> refresh;
        std::function<void()> verify;
    };
    AuditView(const AuditSnapshot& snapshot, Commands commands);
    [[nodiscard]] const char* titleKey() const override { return "view.audit"; }
    void draw(const UiContext& ctx) override;
    void onShow() override;

private:
    const AuditSnapshot& m_audit;
    Commands m_commands;
    char m_filter[64] = {};
    // The rows the filter lets through, recomputed only when the rows or the filter change.
    std::vector<std::size_t> m_shown;
    std::uint64_t m_shownVersion = ~0ull;
    std::string m_shownFilter;
};

} // namespace bhxh::ui
