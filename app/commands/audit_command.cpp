// bhxh-desk audit verify: walk the audit log's hash chain and name the first broken entry.
// Exit codes: 0 the chain is intact, 1 it is broken, 2 bad usage or the database cannot be read.
// bhxh-desk audit export --from --to [--out]: the entries of those days as CSV for a spreadsheet.
// Exit codes: 0 written, 1 the store or the file failed, 2 bad usage or no database.
#include "app/commands/commands.h"
#include "app/commands/desk_store.h"
#include "app/commands/officer_id_validator.h"
#include "common/calendar_date.h"
#include "store/audit_chain.h"
#include "store/database.h"
#include "store/sqlite_audit_log.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <memory>
#include <utility>
#include <unistd.h>

namespace bhxh::app::commands {
namespace {

struct ExportOptions {
    std::string dbPath;
    std::string from;
    std::string to;
    std::string out;
    std::string by = "cli";
};

// Local midnight at the start of `date`.
std::chrono::system_clock::time_point localMidnight(const CalendarDate& date) {
    std::tm tm{};
    tm.tm_year = date.year() - 1900;
    tm.tm_mon = date.month() - 1;
    tm.tm_mday = date.day();
    tm.tm_isdst = -1;
    return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

// 2026-03-02T09:15:04.123+07:00: local time with its offset, so a reader in another zone still
// knows the instant.
std::string localIso(std::chrono::system_clock::time_point t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const std::time_t tt = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
    const long millis = static_cast<long>(((ms % 1000) + 1000) % 1000);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char date[32];
    char zone[8];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    std::strftime(zone, sizeof zone, "%z", &tm);
    char out[64];
    std::snprintf(out, sizeof out, "%s.%03ld%.3s:%.2s", date, millis, zone, zone + 3);
    return out;
}

// RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled. A field that
// a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe: the
// detail column is free text typed at the desk.
std::string csvField(const std::string& value) {
    std::string v = value;
    if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) v.insert(0, 1, '\'');
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string quoted = "\"";
    for (char c : v) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

// Writes the whole file, created 0600: the trail names officers and dossiers.
bool writePrivateFile(const std::string& path, const std::string& content, std::string& error) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            error = std::strerror(errno);
            ::close(fd);
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) error = "cannot sync";
    return synced;
}

void exportCsv(const ExportOptions& o, CommandEnv& env) {
    env.markCommandRan();
    const auto from = CalendarDate::parseIso(o.from);
    const auto to = CalendarDate::parseIso(o.to);
    if (!from || !to) {
        std::cerr << "bhxh-desk: --from and --to must be dates as YYYY-MM-DD\n";
        env.setExitCode(kExitUsage);
        return;
    }
    // Days the desk can have entries for; beyond them the local-midnight arithmetic overflows.
    const auto first = CalendarDate::make(2000, 1, 1);
    const auto last = CalendarDate::make(2199, 12, 31);
    for (const auto& [name, day] : {std::pair{"--from", *from}, std::pair{"--to", *to}}) {
        if (day.daysSinceEpoch() < first->daysSinceEpoch() || day.daysSinceEpoch() > last->daysSinceEpoch()) {
            std::cerr << "bhxh-desk: " << name << " must be a day from 2000-01-01 to 2199-12-31\n";
            env.setExitCode(kExitUsage);
            return;
        }
    }
    if (to->daysSinceEpoch() < from->daysSinceEpoch()) {
        std::cerr << "bhxh-desk: --to must not be before --from\n";
        env.setExitCode(kExitUsage);
        return;
    }
    const AppConfig* config = env.config();
    if (!config) return;
    auto st = openDeskStore(deskDatabasePath(o.dbPath, *config), env);
    if (!st) return;
    auto db = st->connect();
    if (!db) {
        std::cerr << "bhxh-desk: " << db.error().message << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    store::SqliteAuditLog audit(*db);
    // --to is inclusive: up to the start of the next day.
    auto entries = audit.readBetween(localMidnight(*from), localMidnight(*to->plusDays(1)));
    if (!entries) {
        std::cerr << "bhxh-desk: " << entries.error().message << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    // The BOM makes Excel read the file as UTF-8 (Vietnamese names); CRLF as RFC 4180 says.
    std::string csv = "\xEF\xBB\xBF" "seq,time,kind,officer,subject,detail,hash\r\n";
    for (const auto& e : *entries) {
        csv += std::to_string(e.seq) + "," + localIso(e.event.at) + "," + csvField(e.event.kind) + "," +
               csvField(e.event.officerId) + "," + csvField(e.event.subject) + "," + csvField(e.event.detail) + "," +
               e.hash + "\r\n";
    }
    std::string where = "stdout";
    if (o.out.empty()) {
        std::cout << csv << std::flush;
    } else {
        std::string error;
        if (!writePrivateFile(o.out, csv, error)) {
            std::cerr << "bhxh-desk: " << o.out << ": " << error << '\n';
            env.setExitCode(kExitFailure);
            return;
        }
        where = std::filesystem::path(o.out).filename().string();
    }
    const AuditEvent event{"export", o.by, "audit_log",
                           "audit " + o.from + ".." + o.to + ": " + std::to_string(entries->size()) + " entries to " + where,
                           std::chrono::system_clock::now()};
    if (auto noted = audit.append(event); !noted) {
        std::cerr << "bhxh-desk: the export was written but not recorded: " << noted.error().message << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    if (!o.out.empty()) std::cerr << "bhxh-desk: " << entries->size() << " audit entries written to " << o.out << '\n';
    env.setExitCode(kExitOk);
}

} // namespace

void addAuditCommand(CLI::App& cli, CommandEnv& env) {
    CLI::App* audit = cli.add_subcommand("audit", "Check and export the audit trail");
    audit->require_subcommand(1);
    CLI::App* verify = audit->add_subcommand(
        "verify", "Walk the hash chain of the audit log and name the first broken entry "
                  "(exit 0 intact, 1 broken, 2 cannot open)");
    auto dbPath = std::make_shared<std::string>();
    verify->add_option("--db", *dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    verify->final_callback([&env, dbPath] {
        env.markCommandRan();
        std::filesystem::path path = *dbPath;
        if (path.empty()) {
            const AppConfig* config = env.config();
            if (!config) return;
            path = config->paths.dataDir / "desk.sqlite";
        }
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            std::cerr << "bhxh-desk: " << path.string() << ": no such database file\n";
            env.setExitCode(kExitUsage);
            return;
        }
        auto db = store::Database::open(path);
        if (!db) {
            std::cerr << "bhxh-desk: " << db.error().message << '\n';
            env.setExitCode(kExitUsage);
            return;
        }
        auto report = store::AuditChain::verify(*db);
        if (!report) {
            std::cerr << "bhxh-desk: " << path.string() << ": cannot read the audit log (" << report.error().message
                      << ")\n";
            env.setExitCode(kExitUsage);
            return;
        }
        if (report->intact()) {
            std::cout << "audit log intact: " << report->entries << " entries (" << path.string() << ")\n";
            env.setExitCode(kExitOk);
            return;
        }
        std::cout << "audit log BROKEN at entry " << *report->brokenSeq << ": " << report->reason << ". "
                  << report->entries << " entries before it are intact (" << path.string() << ")\n";
        env.setExitCode(kExitFailure);
    });

    CLI::App* exportCmd = audit->add_subcommand(
        "export", "Write the entries of a date range as CSV (UTF-8 with BOM, for Excel): seq, time, kind, officer, "
                  "subject, detail, hash. Recorded in the audit log as 'export'");
    auto eo = std::make_shared<ExportOptions>();
    exportCmd->add_option("--from", eo->from, "First day, YYYY-MM-DD (local time)")->required();
    exportCmd->add_option("--to", eo->to, "Last day, YYYY-MM-DD (included)")->required();
    exportCmd->add_option("--out", eo->out, "Output file (created mode 0600); default: stdout");
    exportCmd->add_option("--by", eo->by, "Who exports, for the audit log (default: cli)")->check(OfficerIdValidator{});
    exportCmd->add_option("--db", eo->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    exportCmd->final_callback([&env, eo] { exportCsv(*eo, env); });
}

} // namespace bhxh::app::commands
