#pragma once
#include <string>

namespace bhxh::ui {

/// A document on its way to the printer, as the screens show it (app::PrintService fills it on
/// the UI thread): the job's state until printed, or why it was not. The PDF stays either way.
struct PrintStatus {
    enum class Phase { Idle, Printing, Printed, Failed };
    Phase phase = Phase::Idle;
    std::string stateKey;   ///< print.state.* while printing
    std::string reasonKey;  ///< print.reason.* (out of paper, stopped, offline …) or empty
    std::string errorKey;   ///< print.error.* when failed
    std::string detail;     ///< the technical cause, for the log-minded
    std::string printer;    ///< the printer's URI
    std::string pdfPath;    ///< where the PDF is kept
    int jobId = 0;
};

} // namespace bhxh::ui
