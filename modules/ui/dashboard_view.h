#pragma once
#include "ui_model/dashboard_snapshot.h"
#include "ui/view.h"

#include <functional>

namespace bhxh::ui {

/// Today's approved / rejected / pending / expired, a chart per hour and a table per officer;
/// "Export CSV" (Ctrl+E) writes UTF-8 with a BOM so that Excel shows Vietnamese; "Day report"
/// (Ctrl+P) writes the day's A4 PDF; the re-check figures (sampled, confirmed, flagged per officer).
class DashboardView final : public View {
public:
    struct Commands {
        std::function<void()> refresh;
        std::function<void()> exportCsv;
        std::function<void()> dayReport;  ///< Ctrl+P: the day report PDF
    };
    DashboardView(const DashboardSnapshot& snapshot, Commands commands);
    [[nodiscard]] const char* titleKey() const override { return "view.dashboard"; }
    void draw(const UiContext& ctx) override;
    void onShow() override;
    [[nodiscard]] std::vector<KeyHint> keyHints() const override { return {{"Ctrl+P", "keys.day_report"}}; }

private:
    void drawChart(const LangCatalog& lang);
    void drawQa(const LangCatalog& lang);
    const DashboardSnapshot& m_day;
    Commands m_commands;
};

} // namespace bhxh::ui
