#include "app/dashboard_controller.h"

#include "app/day_report.h"
#include "app/print_service.h"
#include "common/calendar_date.h"
#include "receipt/day_report_writer.h"
#include "common/csv_writer.h"
#include "common/private_file.h"
#include "store/sqlite_dashboard_reader.h"
#include "store/sqlite_qa_repository.h"

#include <chrono>
#include <ctime>

namespace bhxh::app {
namespace {

struct LocalDay {
    std::chrono::system_clock::time_point start;
    int utcOffsetMinutes = 0;
    std::string label;
};

LocalDay today() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    LocalDay day;
    day.utcOffsetMinutes = static_cast<int>(tm.tm_gmtoff / 60);
    char label[16];
    std::strftime(label, sizeof label, "%Y-%m-%d", &tm);
    day.label = label;
    tm.tm_hour = 0;
    tm.tm_min = 0;
    tm.tm_sec = 0;
    day.start = std::chrono::system_clock::from_time_t(std::mktime(&tm));
    return day;
}

} // namespace

DashboardController::DashboardController(std::string officeCode, std::filesystem::path exportDir,
                                         MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu,
                                         const ui::LangCatalog& lang,
                                         AuthorizeFn authorize, AuditNoteFn note)
    : m_office(std::move(officeCode)),
      m_exportDir(std::move(exportDir)),
      m_queue(queue),
      m_store(store),
      m_cpu(cpu),
      m_lang(lang),
      m_authorize(std::move(authorize)),
      m_note(std::move(note)) {}

void DashboardController::refresh() {
    m_store.post([this](StoreContext& ctx) {
        const LocalDay day = today();
        store::SqliteDashboardReader reader(ctx.db);
        auto figures = reader.read(m_office, day.start, std::chrono::system_clock::now(), day.utcOffsetMinutes, day.label);
        auto qa = store::SqliteQaRepository(ctx.db).figures(day.start, day.start + std::chrono::hours(24));
        m_queue.post([this, figures = std::move(figures), qa = std::move(qa)]() mutable {
            m_snapshot.errorKey = figures && qa ? "" : "dashboard.error";
            if (qa) m_snapshot.qa = std::move(qa).value();
            if (figures) m_snapshot.figures = std::move(figures).value();
        });
    });
}

std::string DashboardController::toCsv(const declarations::DayFigures& f, const ui::LangCatalog& lang) {
    CsvWriter csv;
    csv.row({lang.tr("dashboard.csv.section"), lang.tr("dashboard.csv.key"), lang.tr("dashboard.approved"),
             lang.tr("dashboard.rejected")});
    csv.row({lang.tr("dashboard.csv.day"), f.day, std::to_string(f.approved), std::to_string(f.rejected)});
    for (int h = 0; h < 24; ++h) {
        if (f.approvedByHour[h] == 0 && f.rejectedByHour[h] == 0) continue;
        csv.row({lang.tr("dashboard.csv.hour"), std::to_string(h), std::to_string(f.approvedByHour[h]),
                 std::to_string(f.rejectedByHour[h])});
    }
    for (const auto& o : f.officers) {
        csv.row({lang.tr("dashboard.officer"), o.officerId, std::to_string(o.approved), std::to_string(o.rejected)});
    }
    csv.row({lang.tr("dashboard.pending"), "", std::to_string(f.pending), ""});
    csv.row({lang.tr("dashboard.expired"), "", std::to_string(f.expired), ""});
    return csv.text();
}

void DashboardController::exportCsv() {
    auto who = m_authorize ? m_authorize("export") : Result<std::string>(makeError("security.denied", "no officer"));
    if (!who) {
        m_snapshot.exportMessage = m_lang.format("dashboard.export_denied", {{"detail", who.error().message}});
        return;
    }
    const std::string csv = toCsv(m_snapshot.figures, m_lang);
    const std::filesystem::path file = m_exportDir / ("dashboard-" + m_snapshot.figures.day + ".csv");
    m_cpu.post([this, csv, file] {
        const bool ok = static_cast<bool>(writePrivateFile(file, csv));
        m_queue.post([this, ok, file] {
            m_snapshot.exportMessage = m_lang.format(ok ? "dashboard.exported" : "dashboard.export_failed",
                                                     {{"path", file.string()}});
            if (ok && m_note) m_note("export", "dashboard:" + m_snapshot.figures.day, file.filename().string());
        });
    });
}

void DashboardController::writeDayReport() {
    auto who = m_authorize ? m_authorize("export") : Result<std::string>(makeError("security.denied", "no officer"));
    if (!who) {
        m_snapshot.reportMessage = m_lang.format("dashboard.export_denied", {{"detail", who.error().message}});
        return;
    }
    if (!m_config) return;
    const CalendarDate day = CalendarDate::todayLocal();
    // Read on the store thread, composed here (the catalogue is the UI thread's), written on the pool.
    m_store.post([this, day, officer = *who](StoreContext& ctx) {
        auto facts = DayReport::read(ctx.db, m_office, day);
        m_queue.post([this, day, officer, facts = std::move(facts)]() mutable {
            if (!facts) {
                m_snapshot.reportMessage = m_lang.format("dashboard.report_failed", {{"detail", facts.error().message}});
                return;
            }
            const auto data = DayReport::compose(*m_config, m_lang, *facts, officer, std::chrono::system_clock::now());
            const auto file = DayReport::defaultPath(*m_config, day);
            m_cpu.post([this, data, file, officer] {
                auto written = receipt::DayReportWriter::writePdf(data, file);
                m_queue.post([this, file, officer, error = written ? std::string() : written.error().message] {
                    m_snapshot.reportMessage = error.empty()
                                                   ? m_lang.format("dashboard.report_written", {{"path", file.string()}})
                                                   : m_lang.format("dashboard.report_failed", {{"detail", error}});
                    if (error.empty() && m_note) m_note("export", "day_report:" + file.stem().string(), file.filename().string());
                    if (error.empty() && m_printer && m_printer->configured()) {
                        m_printer->submit(file, "day report " + file.stem().string(), officer,
                                          [this](const ui::PrintStatus& s) { m_snapshot.print = s; });
                    }
                });
            });
        });
    });
}

} // namespace bhxh::app
