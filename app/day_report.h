#pragma once
#include "app/app_config.h"
#include "common/calendar_date.h"
#include "common/result.h"
#include "declarations/day_figures.h"
#include "declarations/qa_sample.h"
#include "receipt/day_report_data.h"
#include "store/database.h"
#include "store/sqlite_report_reader.h"
#include "ui_model/lang_catalog.h"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace bhxh::app {

/// What the day report is made of, read from the store for one local day.
struct DayReportFacts {
    CalendarDate day;
    declarations::DayFigures figures;  ///< outcomes, per hour, per officer, pending, expired
    std::vector<store::SqliteReportReader::Count> rejectionsByReason;
    std::vector<store::SqliteReportReader::Count> outboxFailures;  ///< "<channel>:<state>"
    declarations::QaFigures qa;
};

/// The office's day report (docs/supervision.md): read from the store, composed in the catalog's
/// language (assets/lang "report.*"), written as an A4 PDF by receipt::DayReportWriter. Used by
/// `bhxh-desk report day` and the dashboard's key.
class DayReport {
public:
    /// Local midnight of `day` and the UTC offset that day (the desk's time zone).
    static std::chrono::system_clock::time_point localMidnight(const CalendarDate& day, int* utcOffsetMinutes = nullptr);
    /// The day's facts from an open connection.
    static Result<DayReportFacts> read(store::Database& db, const std::string& officeCode, const CalendarDate& day);
    /// The report's texts (no I/O). `generatedBy` is an officer id or "bhxh-desk report".
    [[nodiscard]] static receipt::DayReportData compose(const AppConfig& config, const ui::LangCatalog& lang,
                                                        const DayReportFacts& facts, const std::string& generatedBy,
                                                        std::chrono::system_clock::time_point now);
    /// <paths.data_dir>/reports/day-YYYY-MM-DD.pdf
    [[nodiscard]] static std::filesystem::path defaultPath(const AppConfig& config, const CalendarDate& day);
    /// Opens the database at `dbPath` read-only, reads, composes and writes `out`.
    /// Errors: report.no_database, the store's, the writer's (report.font, report.io).
    static Result<void> writeFromStore(const AppConfig& config, const ui::LangCatalog& lang,
                                       const std::filesystem::path& dbPath, const CalendarDate& day,
                                       const std::filesystem::path& out, const std::string& generatedBy);
};

} // namespace bhxh::app
