// bhxh-desk outbox list|drain|retry ID|cancel ID: the supervisor's view of outgoing SMS and
// e-mail (and portal decisions), and a one-shot delivery run.
// Exit codes: 0 done, 1 the work failed (store error, row not in a state that allows it),
// 2 bad usage, bad configuration or no database.
#include "app/asset_paths.h"
#include "app/commands/commands.h"
#include "app/commands/desk_store.h"
#include "app/notify_setup.h"
#include "app/portal_client_factory.h"
#include "common/audit_log.h"
#include "common/pii_masker.h"
#include "declarations/portal_decision_pusher.h"
#include "notify/adapters/sender_factory.h"
#include "notify/delivery_worker.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_outbox_repository.h"
#include "store/store.h"

#include <CLI/CLI.hpp>

#include <ctime>
#include <iomanip>
#include <iostream>
#include <memory>

namespace bhxh::app::commands {
namespace {

struct OutboxOptions {
    std::string dbPath;
    std::string state;
    std::size_t limit = 50;
    std::int64_t id = 0;
    std::string officer;
};

std::filesystem::path databasePath(const OutboxOptions& o, const AppConfig& config) {
    return o.dbPath.empty() ? config.paths.dataDir / "desk.sqlite" : std::filesystem::path(o.dbPath);
}

std::string formatTime(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    std::ostringstream out;
    out << std::put_time(&tm, "%Y-%m-%d %H:%M:%S");
    return out.str();
}

void list(const OutboxOptions& o, CommandEnv& env) {
    const AppConfig* config = env.config();
    if (!config) return;
    std::optional<notify::OutboxState> state;
    if (!o.state.empty()) {
        state = notify::parseOutboxState(o.state);
        if (!state) {
            std::cerr << "bhxh-desk: --state must be queued, sending, sent, unknown, failed or cancelled\n";
            env.setExitCode(kExitUsage);
            return;
        }
    }
    auto st = openDeskStore(databasePath(o, *config), env);
    if (!st) return;
    auto db = st->connect();
    if (!db) { std::cerr << "bhxh-desk: " << db.error().message << '\n'; env.setExitCode(kExitFailure); return; }
    store::SqliteOutboxRepository outbox(*db);
    auto rows = outbox.list(state, o.limit);
    if (!rows) { std::cerr << "bhxh-desk: " << rows.error().message << '\n'; env.setExitCode(kExitFailure); return; }
    std::cout << std::left << std::setw(6) << "ID" << std::setw(16) << "CHANNEL" << std::setw(10) << "STATE"
              << std::setw(9) << "TRIES" << std::setw(21) << "NEXT/UPDATED" << std::setw(16) << "TO" << "KEY / LAST ERROR\n";
    for (const auto& r : *rows) {
        const bool waiting = r.state == notify::OutboxState::Queued;
        std::cout << std::left << std::setw(6) << r.id << std::setw(16) << notify::toString(r.channel) << std::setw(10)
                  << notify::toString(r.state) << std::setw(9)
                  << (std::to_string(r.attempts) + "/" + std::to_string(r.maxAttempts)) << std::setw(21)
                  << formatTime(waiting ? r.nextAttemptAt : r.updatedAt) << std::setw(16)
                  << PiiMasker::mask(r.recipient) << r.key;
        if (!r.lastError.empty()) std::cout << " — " << PiiMasker::mask(r.lastError);
        std::cout << '\n';
    }
    env.setExitCode(kExitOk);
}

void drain(const OutboxOptions& o, CommandEnv& env) {
    const AppConfig* config = env.config();
    if (!config) return;
    const auto assets = AssetPaths::assetsDir(*config);
    auto templates = notify::TemplateRenderer::loadDirectory(assets / "templates" / "notify");
    if (!templates) { std::cerr << "bhxh-desk: " << templates.error().message << '\n'; env.setExitCode(kExitUsage); return; }
    auto sms = notify::makeSmsSender(NotifySetup::sms(*config), assets / "sms-profiles");
    if (!sms) { std::cerr << "bhxh-desk: " << sms.error().message << '\n'; env.setExitCode(kExitUsage); return; }
    auto email = notify::makeEmailSender(NotifySetup::email(*config));
    if (!email) { std::cerr << "bhxh-desk: " << email.error().message << '\n'; env.setExitCode(kExitUsage); return; }

    auto st = openDeskStore(databasePath(o, *config), env);
    if (!st) return;
    auto db = st->connect();
    if (!db) { std::cerr << "bhxh-desk: " << db.error().message << '\n'; env.setExitCode(kExitFailure); return; }
    store::SqliteOutboxRepository outbox(*db);
    store::SqliteDecisionRepository decisions(*db);
    if (auto requeued = outbox.requeueAbandoned(std::chrono::system_clock::now()); !requeued) {
        std::cerr << "bhxh-desk: " << requeued.error().message << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    // Portal decisions first: an accepted one queues its SMS and e-mail, delivered below in this run.
    if (PortalClientFactory::configured(*config)) {
        auto client = PortalClientFactory::create(*config);
        if (!client) { std::cerr << "bhxh-desk: " << client.error().message << '\n'; env.setExitCode(kExitUsage); return; }
        declarations::PortalDecisionPusher pusher(outbox, decisions, **client);
        auto pushed = pusher.pushDue();
        if (!pushed) { std::cerr << "bhxh-desk: " << pushed.error().message << '\n'; env.setExitCode(kExitFailure); return; }
        std::cout << "portal decisions: sent " << pushed->sent << ", retry later " << pushed->retried << ", failed "
                  << pushed->failed << '\n';
    } else {
        std::cout << "portal decisions: not sent ([portal] has no token; set BHXH_DESK_TOKEN or portal.token_file)\n";
    }
    notify::DeliveryWorker worker(outbox, *templates, **sms, **email);
    bool erased = false;
    worker.setOnSecretErased([&erased] { erased = true; });
    auto stats = worker.drainDue();
    // Old WAL frames may still hold a password the rows no longer do.
    if (erased) (void)db->checkpoint();  // best effort: a reader may keep frames until the next one
    if (!stats) { std::cerr << "bhxh-desk: " << stats.error().message << '\n'; env.setExitCode(kExitFailure); return; }
    std::cout << "sent " << stats->sent << ", retry later " << stats->retried << ", failed " << stats->failed
              << ", unknown " << stats->unknown << '\n';
    env.setExitCode(kExitOk);
}

void supervise(const OutboxOptions& o, CommandEnv& env, bool retry) {
    const AppConfig* config = env.config();
    if (!config) return;
    auto st = openDeskStore(databasePath(o, *config), env);
    if (!st) return;
    auto db = st->connect();
    if (!db) { std::cerr << "bhxh-desk: " << db.error().message << '\n'; env.setExitCode(kExitFailure); return; }
    store::SqliteOutboxRepository outbox(*db);
    const AuditEvent audit{retry ? "outbox_retry" : "outbox_cancel", o.officer, "outbox:" + std::to_string(o.id), "",
                           std::chrono::system_clock::now()};
    auto done = retry ? outbox.retry(o.id, audit) : outbox.cancel(o.id, audit);
    if (!done) { std::cerr << "bhxh-desk: " << done.error().message << '\n'; env.setExitCode(kExitFailure); return; }
    if (!retry) (void)db->checkpoint();  // best effort, as above
    std::cout << "outbox " << o.id << (retry ? " queued again\n" : " cancelled\n");
    env.setExitCode(kExitOk);
}

} // namespace

void addOutboxCommand(CLI::App& cli, CommandEnv& env) {
    auto o = std::make_shared<OutboxOptions>();
    CLI::App* outbox = cli.add_subcommand("outbox", "Outgoing SMS, e-mail and portal decisions");
    outbox->require_subcommand(1);
    outbox->add_option("--db", o->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");

    CLI::App* listCmd = outbox->add_subcommand("list", "List outbox rows, newest first (recipients masked)");
    listCmd->add_option("--state", o->state, "Only rows in this state (queued|sending|sent|unknown|failed|cancelled)");
    listCmd->add_option("--limit", o->limit, "At most this many rows")->check(CLI::Range(1, 100000));
    listCmd->final_callback([&env, o] { env.markCommandRan(); list(*o, env); });

    CLI::App* drainCmd = outbox->add_subcommand("drain", "Push the portal decisions due now (when [portal] has a token), then deliver every SMS and e-mail due now");
    drainCmd->final_callback([&env, o] { env.markCommandRan(); drain(*o, env); });

    CLI::App* retryCmd = outbox->add_subcommand("retry", "Queue a failed or unknown row again (supervisor)");
    retryCmd->add_option("ID", o->id, "Outbox row id")->required();
    retryCmd->add_option("--officer", o->officer, "Supervisor id for the audit log")->required();
    retryCmd->final_callback([&env, o] { env.markCommandRan(); supervise(*o, env, true); });

    CLI::App* cancelCmd = outbox->add_subcommand("cancel", "Drop a row that is not sent (supervisor); erases its password");
    cancelCmd->add_option("ID", o->id, "Outbox row id")->required();
    cancelCmd->add_option("--officer", o->officer, "Supervisor id for the audit log")->required();
    cancelCmd->final_callback([&env, o] { env.markCommandRan(); supervise(*o, env, false); });
}

} // namespace bhxh::app::commands
