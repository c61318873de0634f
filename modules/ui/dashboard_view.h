#pragma once
#include "ui/dashboard_snapshot.h"
#include "ui/view.h"

#include <functional>

namespace bhxh::ui {

/// Today's approved / rejected / pending / expired, a chart per hour and a table per officer;
/// "Export CSV" (Ctrl+E) writes UTF-8 with a BOM so that Excel shows Vietnamese.
class DashboardView final : public View {
public:
    struct Commands {
        std::function<void()> refresh;
        std::function<void()> exportCsv;
    };
    DashboardView(const DashboardSnapshot& snapshot, Commands commands);
    [[nodiscard]] const char* titleKey() const override { return "view.dashboard"; }
    void draw(const UiContext& ctx) override;
    void onShow() override;

private:
    void drawChart(const LangCatalog& lang);
    const DashboardSnapshot& m_day;
    Commands m_commands;
};

} // namespace bhxh::ui
