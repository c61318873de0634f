#pragma once
#include "declarations/day_figures.h"
#include "declarations/qa_sample.h"
#include "ui_model/print_status.h"

#include <string>

namespace bhxh::ui {

/// Today's figures for the supervisor, and what the view says about its last export.
struct DashboardSnapshot {
    declarations::DayFigures figures;
    std::string errorKey;
    std::string exportMessage;  ///< where the last CSV went (translated), or why it failed
    /// Today's re-checks of sampled approvals (sampled, confirmed, flagged, per officer).
    declarations::QaFigures qa;
    std::string reportMessage;  ///< where the last day report went (translated), or why it failed
    PrintStatus print;          ///< the day report on its way to the printer (Ctrl+P), when one is configured
};

} // namespace bhxh::ui
