#include "app/day_report.h"

#include "common/local_time.h"
#include "receipt/day_report_writer.h"
#include "store/sqlite_dashboard_reader.h"
#include "store/sqlite_qa_repository.h"

#include <ctime>

namespace bhxh::app {
namespace {

std::string num(int n) { return std::to_string(n); }

/// `key` translated, or `fallback` when the catalogue has no such key.
std::string trOr(const ui::LangCatalog& lang, const std::string& key, const std::string& fallback) {
    return lang.has(key) ? std::string(lang.tr(key)) : fallback;
}

} // namespace

std::chrono::system_clock::time_point DayReport::localMidnight(const CalendarDate& day, int* utcOffsetMinutes) {
    std::tm tm{};
    tm.tm_year = day.year() - 1900;
    tm.tm_mon = day.month() - 1;
    tm.tm_mday = day.day();
    tm.tm_isdst = -1;
    const std::time_t t = std::mktime(&tm);
    if (utcOffsetMinutes) *utcOffsetMinutes = static_cast<int>(tm.tm_gmtoff / 60);
    return std::chrono::system_clock::from_time_t(t);
}

Result<DayReportFacts> DayReport::read(store::Database& db, const std::string& officeCode, const CalendarDate& day) {
    DayReportFacts facts;
    facts.day = day;
    int offset = 0;
    const auto from = localMidnight(day, &offset);
    const auto next = day.plusDays(1);
    const auto to = next ? localMidnight(*next) : from + std::chrono::hours(24);
    store::SqliteDashboardReader dashboard(db);
    auto figures = dashboard.read(officeCode, from, std::chrono::system_clock::now(), offset, day.toIso());
    if (!figures) return figures.error();
    facts.figures = std::move(figures).value();
    store::SqliteReportReader reader(db);
    auto reasons = reader.rejectionsByReason(from, to);
    if (!reasons) return reasons.error();
    facts.rejectionsByReason = std::move(reasons).value();
    auto outbox = reader.outboxFailures(from, to);
    if (!outbox) return outbox.error();
    facts.outboxFailures = std::move(outbox).value();
    store::SqliteQaRepository qa(db);
    auto qaFigures = qa.figures(from, to);
    if (!qaFigures) return qaFigures.error();
    facts.qa = std::move(qaFigures).value();
    return facts;
}

receipt::DayReportData DayReport::compose(const AppConfig& config, const ui::LangCatalog& lang, const DayReportFacts& f,
                                          const std::string& generatedBy, std::chrono::system_clock::time_point now) {
    receipt::DayReportData d;
    d.officeName = config.desk.officeName;
    d.officeCode = lang.format("report.office_code", {{"code", config.desk.officeCode}});
    d.mottoLine1 = lang.tr("receipt.motto.line1");
    d.mottoLine2 = lang.tr("receipt.motto.line2");
    d.title = lang.tr("report.title");
    d.dayLine = lang.format("report.day", {{"day", f.day.toSlashed()}});
    d.generatedLine = lang.format("report.generated", {{"time", formatLocalDateTime(now)}, {"officer", generatedBy}});
    const auto& fig = f.figures;

    receipt::ReportSection outcome;
    outcome.title = lang.tr("report.section.outcome");
    outcome.table.header = {lang.tr("report.col.item"), lang.tr("report.col.count")};
    outcome.table.rows = {{lang.tr("report.outcome.approved"), num(fig.approved)},
                          {lang.tr("report.outcome.rejected"), num(fig.rejected)},
                          {lang.tr("report.outcome.total"), num(fig.approved + fig.rejected)},
                          {lang.tr("report.outcome.pending"), num(fig.pending)}};
    d.sections.push_back(std::move(outcome));

    receipt::ReportSection hours;
    hours.title = lang.tr("report.section.by_hour");
    hours.hasChart = true;
    hours.chart.approved = fig.approvedByHour;
    hours.chart.rejected = fig.rejectedByHour;
    hours.chart.approvedLabel = lang.tr("report.outcome.approved");
    hours.chart.rejectedLabel = lang.tr("report.outcome.rejected");
    hours.table.header = {lang.tr("report.col.hour"), lang.tr("report.outcome.approved"), lang.tr("report.outcome.rejected")};
    for (std::size_t h = 0; h < 24; ++h) {
        if (fig.approvedByHour[h] == 0 && fig.rejectedByHour[h] == 0) continue;
        char span[32];
        std::snprintf(span, sizeof span, "%02zu:00–%02zu:00", h, h + 1);
        hours.table.rows.push_back({span, num(fig.approvedByHour[h]), num(fig.rejectedByHour[h])});
    }
    hours.table.emptyText = lang.tr("report.none.decisions");
    d.sections.push_back(std::move(hours));

    receipt::ReportSection officers;
    officers.title = lang.tr("report.section.by_officer");
    officers.table.header = {lang.tr("report.col.officer"), lang.tr("report.outcome.approved"),
                             lang.tr("report.outcome.rejected"), lang.tr("report.outcome.total")};
    for (const auto& o : fig.officers) {
        officers.table.rows.push_back({o.officerId, num(o.approved), num(o.rejected), num(o.approved + o.rejected)});
    }
    officers.table.emptyText = lang.tr("report.none.decisions");
    d.sections.push_back(std::move(officers));

    receipt::ReportSection reasons;
    reasons.title = lang.tr("report.section.rejections");
    reasons.table.header = {lang.tr("report.col.reason"), lang.tr("report.col.count")};
    for (const auto& r : f.rejectionsByReason) {
        reasons.table.rows.push_back({trOr(lang, "reason." + r.key, r.key) + " (" + r.key + ")", num(r.count)});
    }
    reasons.table.emptyText = lang.tr("report.none.rejections");
    d.sections.push_back(std::move(reasons));

    receipt::ReportSection expired;
    expired.title = lang.tr("report.section.expired");
    expired.table.rows = {{lang.tr("report.expired.count"), num(fig.expired)}};
    d.sections.push_back(std::move(expired));

    receipt::ReportSection outbox;
    outbox.title = lang.tr("report.section.outbox");
    outbox.table.header = {lang.tr("report.col.channel"), lang.tr("report.col.count")};
    for (const auto& o : f.outboxFailures) {
        const auto colon = o.key.find(':');
        const std::string channel = o.key.substr(0, colon);
        const std::string state = colon == std::string::npos ? "" : o.key.substr(colon + 1);
        outbox.table.rows.push_back({trOr(lang, "report.channel." + channel, channel) + " — " +
                                         trOr(lang, "report.state." + state, state),
                                     num(o.count)});
    }
    outbox.table.emptyText = lang.tr("report.none.outbox");
    d.sections.push_back(std::move(outbox));

    receipt::ReportSection qa;
    qa.title = lang.tr("report.section.qa");
    qa.table.header = {lang.tr("report.col.officer"), lang.tr("report.qa.sampled"), lang.tr("report.qa.confirmed"),
                       lang.tr("report.qa.flagged")};
    for (const auto& o : f.qa.officers) {
        qa.table.rows.push_back({o.officerId, num(o.sampled), num(o.confirmed), num(o.flagged)});
    }
    if (f.qa.sampled > 0) {
        qa.table.rows.push_back({lang.tr("report.outcome.total"), num(f.qa.sampled), num(f.qa.confirmed), num(f.qa.flagged)});
        qa.table.rows.push_back({lang.format("report.qa.open_follow_ups", {{"open", num(f.qa.open)}, {"follow_ups", num(f.qa.followUps)}})});
    }
    qa.table.emptyText = lang.tr("report.none.qa");
    d.sections.push_back(std::move(qa));

    d.signatureLeft = lang.tr("report.signature.prepared");
    d.signatureRight = lang.tr("report.signature.head");
    d.signatureHint = lang.tr("report.signature.hint");
    d.footer = lang.tr("report.footer");
    return d;
}

std::filesystem::path DayReport::defaultPath(const AppConfig& config, const CalendarDate& day) {
    return config.paths.dataDir / "reports" / ("day-" + day.toIso() + ".pdf");
}

Result<void> DayReport::writeFromStore(const AppConfig& config, const ui::LangCatalog& lang,
                                       const std::filesystem::path& dbPath, const CalendarDate& day,
                                       const std::filesystem::path& out, const std::string& generatedBy) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dbPath, ec)) {
        return makeError("report.no_database", dbPath.string() + ": no such database file");
    }
    // Read only: a report never migrates or writes the desk's database.
    auto db = store::Database::open(dbPath, store::ConnectionOptions{true, 5000, false});
    if (!db) return db.error();
    auto facts = read(*db, config.desk.officeCode, day);
    if (!facts) return facts.error();
    return receipt::DayReportWriter::writePdf(compose(config, lang, *facts, generatedBy, std::chrono::system_clock::now()), out);
}

} // namespace bhxh::app
