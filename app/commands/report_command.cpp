// bhxh-desk report day [--date D] [--out FILE] [--lang vi|en] [--db PATH]: the office's day
// report (A4 PDF: outcomes, per hour, per officer, rejections by reason, expired, outbox failures,
// QA re-checks, signature lines) from the local store. D is dd/mm/yyyy or yyyy-mm-dd; default today.
// Exit codes: 0 written, 1 the PDF could not be written or the store not read, 2 bad usage,
// bad configuration or no database.
#include "app/commands/command_lang.h"
#include "app/commands/commands.h"
#include "app/day_report.h"
#include "common/calendar_date.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace bhxh::app::commands {
namespace {

struct ReportOptions {
    std::string date;
    std::string out;
    std::string language;
    std::string dbPath;
};

void writeDayReport(const ReportOptions& o, CommandEnv& env) {
    const AppConfig* config = env.config();
    if (!config) return;
    std::optional<CalendarDate> day = CalendarDate::todayLocal();
    if (!o.date.empty()) {
        day = CalendarDate::parseSlashed(o.date);
        if (!day) day = CalendarDate::parseIso(o.date);
        if (!day || day->year() < 2000 || day->year() > 2199) {
            std::cerr << "bhxh-desk: --date: '" << o.date << "' is not a day (dd/mm/yyyy or yyyy-mm-dd, 2000-2199)\n";
            env.setExitCode(kExitUsage);
            return;
        }
    }
    auto lang = commandLang(*config, o.language, env);
    if (!lang) return;
    const std::filesystem::path db = o.dbPath.empty() ? config->paths.dataDir / "desk.sqlite" : std::filesystem::path(o.dbPath);
    const std::filesystem::path out = o.out.empty() ? DayReport::defaultPath(*config, *day) : std::filesystem::path(o.out);
    auto written = DayReport::writeFromStore(*config, *lang, db, *day, out, "bhxh-desk report");
    if (!written) {
        std::cerr << "bhxh-desk: " << written.error().message << '\n';
        env.setExitCode(written.error().code == "report.no_database" ? kExitUsage : kExitFailure);
        return;
    }
    std::cout << out.string() << '\n';
    env.setExitCode(kExitOk);
}

} // namespace

void addReportCommand(CLI::App& cli, CommandEnv& env) {
    CLI::App* report = cli.add_subcommand("report", "Reports for the office head");
    report->require_subcommand(1);
    auto o = std::make_shared<ReportOptions>();
    CLI::App* day = report->add_subcommand("day", "The day report (one A4 PDF); prints the file's path");
    day->add_option("--date", o->date, "The day, dd/mm/yyyy or yyyy-mm-dd; default: today");
    day->add_option("--out", o->out, "PDF file; default: <paths.data_dir>/reports/day-<yyyy-mm-dd>.pdf");
    day->add_option("--lang", o->language, "Language of the report; default: the console's")
        ->check(CLI::IsMember({"vi", "en"}));
    day->add_option("--db", o->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    day->final_callback([&env, o] { env.markCommandRan(); writeDayReport(*o, env); });
}

} // namespace bhxh::app::commands
