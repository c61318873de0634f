#pragma once
#include "common/cpu_pool.h"
#include "app/app_config.h"
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/main_thread_queue.h"
#include "ui_model/dashboard_snapshot.h"
#include "ui_model/lang_catalog.h"

#include <filesystem>
#include <string>

namespace bhxh::app {

class PrintService;

/// Today's figures for the dashboard, and their CSV export (UTF-8 with BOM, for Excel) into
/// <data_dir>/exports/. Exporting is role-checked ("export") and audited.
class DashboardController {
public:
    DashboardController(std::string officeCode, std::filesystem::path exportDir, MainThreadQueue& queue,
                        StoreWorker& store, CpuPool& cpu, const ui::LangCatalog& lang, AuthorizeFn authorize,
                        AuditNoteFn note);
    void refresh();
    void exportCsv();
    /// Writes today's day report (app/day_report.h) to <data_dir>/reports/, role-checked
    /// ("export") and audited; needs setDayReport() first.
    void writeDayReport();
    /// The configuration the day report is composed with (office, data folder); kept by reference.
    void setDayReport(const AppConfig& config) { m_config = &config; }
    /// The counter's printer: with one configured, the day report goes to it too (the PDF is kept).
    void setPrinter(PrintService* printer) { m_printer = printer; }
    [[nodiscard]] const ui::DashboardSnapshot& snapshot() const { return m_snapshot; }

    /// The CSV text of a day's figures (header in the current language, per hour and per officer).
    [[nodiscard]] static std::string toCsv(const declarations::DayFigures& figures, const ui::LangCatalog& lang);

private:
    std::string m_office;
    std::filesystem::path m_exportDir;
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    CpuPool& m_cpu;  // the CSV and PDF files are written here, not on the store thread
    const ui::LangCatalog& m_lang;
    AuthorizeFn m_authorize;
    AuditNoteFn m_note;
    ui::DashboardSnapshot m_snapshot;
    const AppConfig* m_config = nullptr;
    PrintService* m_printer = nullptr;
};

} // namespace bhxh::app
