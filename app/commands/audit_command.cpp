// bhxh-desk audit verify: walk the audit log's chain (MACs under the desk's audit key, the
// portal's last anchor) and name the first broken entry. Exit codes: 0 the chain is intact, 1 it
// is broken, 2 bad usage, a bad key file or a database that cannot be read.
// bhxh-desk audit init-key | rotate-key: the desk's audit key (docs/security.md "Audit trail").
// bhxh-desk audit export --from --to [--out]: the entries of those days as CSV for a spreadsheet.
// Exit codes: 0 written, 1 the store or the file failed, 2 bad usage or no database.
#include "app/commands/command_lang.h"
#include "app/commands/commands.h"
#include "app/commands/desk_store.h"
#include "app/commands/officer_id_validator.h"
#include "app/portal_client_factory.h"
#include "declarations/audit_anchorer.h"
#include "common/calendar_date.h"
#include "common/csv_writer.h"
#include "common/private_file.h"
#include "store/audit_chain.h"
#include "store/database.h"
#include "store/sqlite_audit_head.h"
#include "store/sqlite_audit_log.h"

#include <CLI/CLI.hpp>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <utility>
#include <optional>

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
    auto desk = connectDeskStore(deskDatabasePath(o.dbPath, *config), env);
    if (!desk) return;
    store::SqliteAuditLog audit(desk->db);
    // --to is inclusive: up to the start of the next day.
    auto entries = audit.readBetween(localMidnight(*from), localMidnight(*to->plusDays(1)));
    if (!entries) {
        std::cerr << "bhxh-desk: " << entries.error().message << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    // The detail column is free text typed at the desk: CsvWriter guards it against formulas.
    CsvWriter writer;
    writer.row({"seq", "time", "kind", "officer", "subject", "detail", "hash"});
    for (const auto& e : *entries) {
        writer.row({std::to_string(e.seq), localIso(e.event.at), e.event.kind, e.event.officerId, e.event.subject,
                    e.event.detail, e.hash});
    }
    const std::string& csv = writer.text();
    std::string where = "stdout";
    if (o.out.empty()) {
        std::cout << csv << std::flush;
    } else {
        if (auto written = writePrivateFile(o.out, csv); !written) {
            std::cerr << "bhxh-desk: " << written.error().message << '\n';
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

struct VerifyOptions {
    std::string dbPath;
    std::string keyFile;
    bool offline = false;
    std::string language;
};

struct KeyOptions {
    std::string dbPath;
};

using Args = std::vector<std::pair<std::string, std::string>>;

// The portal's last anchor of this desk (none when it holds none), or why it was not had.
struct PortalAnchor {
    std::optional<declarations::AuditAnchor> anchor;
    std::optional<std::string> unreachable;  ///< the request failed: offline
};

PortalAnchor askPortal(const AppConfig& config) {
    auto client = PortalClientFactory::create(config);
    if (!client) return {std::nullopt, client.error().message};
    auto last = (*client)->lastAuditAnchor();
    if (!last) return {std::nullopt, last.error().describe()};
    return {*last, std::nullopt};
}

void verifyChain(const VerifyOptions& o, CommandEnv& env) {
    env.markCommandRan();
    const AppConfig* config = env.config();
    if (!config) return;
    auto lang = commandLang(*config, o.language, env);
    if (!lang) return;
    const std::filesystem::path path = deskDatabasePath(o.dbPath, *config);
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
    // The key: read, never created here. Without one only a chain without MACs can hold.
    const std::filesystem::path keyFile = o.keyFile.empty() ? config->audit.keyFile : std::filesystem::path(o.keyFile);
    std::optional<store::AuditKeyring> keys;
    if (!o.keyFile.empty() || std::filesystem::exists(keyFile, ec)) {
        auto loaded = store::AuditKeyring::load(keyFile);
        if (!loaded) {
            std::cerr << "bhxh-desk: " << loaded.error().message << '\n';
            env.setExitCode(kExitUsage);
            return;
        }
        keys.emplace(std::move(loaded).value());
    }
    // The anchor: the portal's last one when it answers; offline, with --offline or without a
    // portal, this desk's own note of the last one it sent (which the database itself holds).
    std::optional<declarations::AuditAnchor> anchor;
    std::string anchorLine;
    const bool askable = !o.offline && PortalClientFactory::configured(*config);
    const PortalAnchor portal = askable ? askPortal(*config) : PortalAnchor{std::nullopt, std::string("--offline")};
    const bool fromPortal = askable && !portal.unreachable;
    if (fromPortal) {
        anchor = portal.anchor;
        if (!anchor) anchorLine = lang->tr("audit.cli.anchor_none");
    } else {
        auto noted = store::SqliteAuditHead(*db).lastNoted();
        if (noted && *noted) anchor = **noted;
        const Args when{{"at", anchor ? anchor->at : ""}, {"seq", anchor ? std::to_string(anchor->seq) : ""}};
        if (!askable && !o.offline) {
            anchorLine = lang->tr("audit.cli.no_portal");
            if (anchor) anchorLine += " " + lang->format("audit.cli.noted", when);
        } else {
            Args args = when;
            args.emplace_back("error", *portal.unreachable);
            anchorLine = lang->format(anchor ? "audit.cli.offline" : "audit.cli.offline_never", args);
        }
    }
    const store::AuditHead anchorHead{anchor ? anchor->seq : 0, anchor ? anchor->mac : std::string()};
    auto report = store::AuditChain::verify(*db, keys ? &*keys : nullptr, anchor ? &anchorHead : nullptr);
    if (!report) {
        std::cerr << "bhxh-desk: " << path.string() << ": cannot read the audit log (" << report.error().message
                  << ")\n";
        env.setExitCode(kExitUsage);
        return;
    }
    if (!report->intact()) {
        Args args;
        for (const auto& [k, v] : report->reasonArgs) args.emplace_back(k, v);
        std::cout << lang->format("audit.cli.broken", {{"seq", std::to_string(*report->brokenSeq)},
                                                        {"reason", lang->format(report->reasonKey, args)},
                                                        {"n", std::to_string(report->entries)},
                                                        {"db", path.string()}})
                  << '\n';
        if (!anchorLine.empty()) std::cout << anchorLine << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    std::cout << lang->format("audit.cli.intact", {{"n", std::to_string(report->entries)}, {"db", path.string()}}) << '\n';
    if (report->keyedFrom) {
        std::cout << lang->format("audit.cli.keyed", {{"key", report->keyId}, {"from", std::to_string(*report->keyedFrom)}})
                  << '\n';
    } else {
        std::cout << lang->format("audit.cli.unkeyed", {{"file", keyFile.string()}}) << '\n';
    }
    if (report->anchorChecked && fromPortal) {
        std::cout << lang->format("audit.cli.anchor_ok", {{"seq", std::to_string(anchor->seq)}, {"at", anchor->at}}) << '\n';
    }
    if (!anchorLine.empty()) std::cout << anchorLine << '\n';
    env.setExitCode(kExitOk);
}

// init-key and rotate-key: the key file first, then the store puts the chain under it
// (openDeskStore → Store::open → AuditChain::bringKeyInForce).
void keyCommand(const KeyOptions& o, bool rotate, CommandEnv& env) {
    env.markCommandRan();
    const AppConfig* config = env.config();
    if (!config) return;
    if (rotate) {
        auto rotated = store::AuditKeyring::rotate(config->audit.keyFile);
        if (!rotated) {
            std::cerr << "bhxh-desk: " << rotated.error().message << '\n';
            env.setExitCode(kExitFailure);
            return;
        }
    }
    auto desk = connectDeskStore(deskDatabasePath(o.dbPath, *config), env, true);
    if (!desk) return;
    auto keys = store::AuditKeyring::load(config->audit.keyFile);
    if (!keys) {
        std::cerr << "bhxh-desk: " << keys.error().message << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    auto head = store::AuditChain::head(desk->db);
    auto lang = commandLang(*config, {}, env);
    if (!lang) return;
    std::cout << lang->format("audit.cli.key", {{"key", keys->current().id},
                                                {"file", config->audit.keyFile.string()},
                                                {"count", std::to_string(keys->keys().size())},
                                                {"seq", std::to_string(head && *head ? (*head)->seq : 0)}})
              << '\n';
    env.setExitCode(kExitOk);
}


// audit anchor: the chain's head to the portal now (the console does it at start, hourly and
// after decisions; this is for scripts and for checking the link).
void anchorCommand(const KeyOptions& o, CommandEnv& env) {
    env.markCommandRan();
    const AppConfig* config = env.config();
    if (!config) return;
    auto lang = commandLang(*config, {}, env);
    if (!lang) return;
    auto client = PortalClientFactory::create(*config);
    if (!client) {
        std::cerr << "bhxh-desk: " << client.error().message << '\n';
        env.setExitCode(kExitUsage);
        return;
    }
    auto desk = connectDeskStore(deskDatabasePath(o.dbPath, *config), env);
    if (!desk) return;
    store::SqliteAuditHead head(desk->db);
    declarations::AuditAnchorer anchorer(**client, head);
    auto sent = anchorer.anchorNow();
    if (!sent) {
        std::cerr << "bhxh-desk: " << sent.error().describe() << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    auto noted = head.lastNoted();
    if (*sent && noted && *noted) {
        std::cout << lang->format("audit.cli.anchored", {{"seq", std::to_string((*noted)->seq)}, {"at", (*noted)->at}}) << '\n';
    } else {
        std::cout << lang->tr("audit.cli.anchor_empty") << '\n';
    }
    env.setExitCode(kExitOk);
}

} // namespace

void addAuditCommand(CLI::App& cli, CommandEnv& env) {
    CLI::App* audit = cli.add_subcommand("audit", "Check and export the audit trail");
    audit->require_subcommand(1);
    CLI::App* verify = audit->add_subcommand(
        "verify", "Walk the audit log's chain: every MAC under the desk's audit key ([audit] key_file), and the "
                  "portal's last anchor of this desk (exit 0 intact, 1 broken, 2 cannot open)");
    auto vo = std::make_shared<VerifyOptions>();
    verify->add_option("--db", vo->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    verify->add_option("--key-file", vo->keyFile, "Audit key file; default: [audit] key_file");
    verify->add_flag("--offline", vo->offline, "Do not ask the portal for its anchor (the desk's own note is used)");
    verify->add_option("--lang", vo->language, "Language of the report; default: the console's")
        ->check(CLI::IsMember({"vi", "en"}));
    verify->final_callback([&env, vo] { verifyChain(*vo, env); });

    CLI::App* initKey = audit->add_subcommand(
        "init-key", "Create the desk's audit key ([audit] key_file, 0600) if it does not exist, and seal the "
                    "audit log with it from the next entry on");
    auto ko = std::make_shared<KeyOptions>();
    initKey->add_option("--db", ko->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    initKey->final_callback([&env, ko] { keyCommand(*ko, false, env); });
    CLI::App* rotateKey = audit->add_subcommand(
        "rotate-key", "Add a new audit key to [audit] key_file (the old ones stay, to check older entries) and "
                      "hand the chain over to it with an entry sealed by both");
    rotateKey->add_option("--db", ko->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    rotateKey->final_callback([&env, ko] { keyCommand(*ko, true, env); });
    CLI::App* anchor = audit->add_subcommand(
        "anchor", "Send the head of the audit log (entry number and MAC) to the portal now; the console does it "
                  "at start and hourly");
    anchor->add_option("--db", ko->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    anchor->final_callback([&env, ko] { anchorCommand(*ko, env); });

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
