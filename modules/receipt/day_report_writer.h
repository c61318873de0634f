#pragma once
#include "common/result.h"
#include "receipt/day_report_data.h"

#include <filesystem>

namespace bhxh::receipt {

/// Writes the office's day report: A4 PDF (one page for an ordinary day; a long table continues
/// on the next), the office and motto, the title and day, the numbered sections (tables, the
/// hourly bar chart) and the signature lines. Text in "Noto Sans" through cairo, NFC.
class DayReportWriter {
public:
    /// Written like the receipt (PdfFile: 0600 temporary, synced, renamed). Errors: report.font
    /// (a character the font cannot draw), report.io.
    static Result<void> writePdf(const DayReportData& data, const std::filesystem::path& out);
};

} // namespace bhxh::receipt
