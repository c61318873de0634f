// bhxh-desk officer add|list|disable|enable|reset: officer accounts from the command line (the
// first admin of a new desk, and the console-less office). Passwords are read without echo from
// a terminal, or as one line from stdin for scripts; never from the command line.
// Exit codes: 0 done, 1 the change was refused (unknown id, id taken, last admin) or the store
// failed, 2 bad usage, a weak password, bad configuration or no database.
#include "app/commands/commands.h"
#include "app/commands/desk_store.h"
#include "app/commands/officer_id_validator.h"
#include "app/password_prompt.h"
#include "common/unicode_text.h"
#include "security/login_guard.h"
#include "security/password_hasher.h"
#include "store/sqlite_officer_repository.h"

#include <CLI/CLI.hpp>

#include <iomanip>
#include <iostream>
#include <memory>

namespace bhxh::app::commands {
namespace {

struct OfficerOptions {
    std::string dbPath;
    std::string id;
    std::string name;
    std::string role;
    std::string by = "cli";
};

void fail(CommandEnv& env, int code, const std::string& message) {
    std::cerr << "bhxh-desk: " << message << '\n';
    env.setExitCode(code);
}

// Runs `work` on the officer repository of the configured (or --db) store.
template <class Work>
void withOfficers(const OfficerOptions& o, CommandEnv& env, bool create, Work work) {
    env.markCommandRan();
    const AppConfig* config = env.config();
    if (!config) return;
    auto st = openDeskStore(deskDatabasePath(o.dbPath, *config), env, create);
    if (!st) return;
    auto db = st->connect();
    if (!db) return fail(env, kExitFailure, db.error().message);
    store::SqliteOfficerRepository officers(*db);
    work(officers, *db);
}

// Asks for a new password and hashes it; nullopt (exit code set) when it is missing or weak.
std::optional<std::string> newPasswordHash(const std::string& id, CommandEnv& env) {
    auto password = PasswordPrompt::read("New password for " + id + " (at least 8 characters): ", true);
    if (!password) {
        fail(env, kExitUsage, password.error().message);
        return std::nullopt;
    }
    const security::PasswordHasher hasher;
    auto hash = hasher.hash(*password);
    security::PasswordHasher::wipe(*password);
    if (!hash) {
        fail(env, kExitUsage, hash.error().message);
        return std::nullopt;
    }
    return std::move(hash).value();
}

AuditEvent officerEvent(const OfficerOptions& o, const std::string& detail) {
    return AuditEvent{"officer", o.by, o.id, detail, std::chrono::system_clock::now()};
}

void add(const OfficerOptions& o, CommandEnv& env) {
    withOfficers(o, env, /*create=*/true, [&](store::SqliteOfficerRepository& officers, store::Database&) {
        if (auto ok = security::validateOfficerId(o.id); !ok) return fail(env, kExitUsage, ok.error().message);
        security::Officer officer;
        officer.id = o.id;
        officer.displayName = text::nfc(o.name.empty() ? o.id : o.name);
        officer.role = security::parseRole(o.role).value_or(security::Role::Clerk);
        if (auto ok = security::validateDisplayName(officer.displayName); !ok) {
            return fail(env, kExitUsage, "--name: " + ok.error().message);
        }
        auto existing = officers.find(o.id);
        if (!existing) return fail(env, kExitFailure, existing.error().message);
        if (*existing) return fail(env, kExitFailure, "an officer account " + o.id + " already exists");
        auto hash = newPasswordHash(o.id, env);
        if (!hash) return;
        auto added = officers.add(officer, *hash, officerEvent(o, "add role=" + std::string(security::toString(officer.role)) +
                                                                " name=" + officer.displayName));
        if (!added) return fail(env, kExitFailure, added.error().message);
        std::cout << "officer " << o.id << " added (" << security::toString(officer.role) << ")\n";
        env.setExitCode(kExitOk);
    });
}

void list(const OfficerOptions& o, CommandEnv& env) {
    withOfficers(o, env, /*create=*/false, [&](store::SqliteOfficerRepository& officers, store::Database&) {
        auto all = officers.list();
        if (!all) return fail(env, kExitFailure, all.error().message);
        const auto now = std::chrono::system_clock::now();
        // The name goes last: it is the one column whose width in bytes is not its width on screen.
        std::cout << std::left << std::setw(24) << "ID" << std::setw(12) << "ROLE" << std::setw(10) << "DISABLED"
                  << std::setw(22) << "LOCKED UNTIL" << "NAME\n";
        for (const auto& officer : *all) {
            std::cout << std::left << std::setw(24) << officer.id << std::setw(12) << security::toString(officer.role)
                      << std::setw(10) << (officer.disabled ? "yes" : "no") << std::setw(22)
                      << (officer.lockedAt(now) ? security::formatLocalTime(officer.lockedUntil) : std::string("-"))
                      << officer.displayName << '\n';
        }
        env.setExitCode(kExitOk);
    });
}

void setDisabled(const OfficerOptions& o, CommandEnv& env, bool disabled) {
    withOfficers(o, env, /*create=*/false, [&](store::SqliteOfficerRepository& officers, store::Database&) {
        auto all = officers.list();
        if (!all) return fail(env, kExitFailure, all.error().message);
        const security::Officer* target = nullptr;
        int activeAdmins = 0;
        for (const auto& officer : *all) {
            if (officer.id == o.id) target = &officer;
            if (officer.role == security::Role::Admin && !officer.disabled) ++activeAdmins;
        }
        if (!target) return fail(env, kExitFailure, "no officer account " + o.id);
        // Without an active admin nobody could manage accounts or settings from the console.
        if (disabled && target->role == security::Role::Admin && !target->disabled && activeAdmins == 1) {
            return fail(env, kExitFailure, o.id + " is the last active admin; add another admin first");
        }
        auto done = officers.setDisabled(o.id, disabled, officerEvent(o, disabled ? "disable" : "enable"));
        if (!done) return fail(env, kExitFailure, done.error().message);
        std::cout << "officer " << o.id << (disabled ? " disabled\n" : " enabled\n");
        env.setExitCode(kExitOk);
    });
}

void reset(const OfficerOptions& o, CommandEnv& env) {
    withOfficers(o, env, /*create=*/false, [&](store::SqliteOfficerRepository& officers, store::Database&) {
        auto existing = officers.find(o.id);
        if (!existing) return fail(env, kExitFailure, existing.error().message);
        if (!*existing) return fail(env, kExitFailure, "no officer account " + o.id);
        auto hash = newPasswordHash(o.id, env);
        if (!hash) return;
        auto done = officers.setPasswordHash(o.id, *hash, officerEvent(o, "reset password"));
        if (!done) return fail(env, kExitFailure, done.error().message);
        std::cout << "officer " << o.id << ": password replaced, failures and lockout cleared\n";
        env.setExitCode(kExitOk);
    });
}

} // namespace

void addOfficerCommand(CLI::App& cli, CommandEnv& env) {
    CLI::App* officer = cli.add_subcommand("officer", "Officer accounts: add, list, disable, enable, reset a password");
    officer->require_subcommand(1);
    auto o = std::make_shared<OfficerOptions>();
    auto common = [o](CLI::App* sub, bool changes) {
        sub->add_option("--db", o->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
        if (changes) {
            sub->add_option("--by", o->by, "Who makes the change, for the audit log (default: cli)")
                ->check(OfficerIdValidator{});
        }
    };

    CLI::App* addCmd = officer->add_subcommand(
        "add", "Create an account; the password is read from the terminal (no echo) or one line of stdin");
    addCmd->add_option("ID", o->id, "Officer id, e.g. q6.nguyenvana (a-z, 0-9, '.', '_', '-')")->required();
    addCmd->add_option("--name", o->name, "Display name, e.g. \"Nguyễn Văn A\" (default: the id)");
    addCmd->add_option("--role", o->role, "clerk, supervisor or admin")
        ->required()
        ->check(CLI::IsMember({"clerk", "supervisor", "admin"}));
    common(addCmd, true);
    addCmd->final_callback([o, &env] { add(*o, env); });

    CLI::App* listCmd = officer->add_subcommand("list", "Id, role, disabled, locked until and name of every account");
    common(listCmd, false);
    listCmd->final_callback([o, &env] { list(*o, env); });

    CLI::App* disableCmd = officer->add_subcommand("disable", "Refuse every login of the account (kept for the record)");
    disableCmd->add_option("ID", o->id, "Officer id")->required();
    common(disableCmd, true);
    disableCmd->final_callback([o, &env] { setDisabled(*o, env, true); });

    CLI::App* enableCmd = officer->add_subcommand("enable", "Allow a disabled account to log in again");
    enableCmd->add_option("ID", o->id, "Officer id")->required();
    common(enableCmd, true);
    enableCmd->final_callback([o, &env] { setDisabled(*o, env, false); });

    CLI::App* resetCmd = officer->add_subcommand(
        "reset", "Set a new password (read like add's) and clear failed logins and any lockout");
    resetCmd->add_option("ID", o->id, "Officer id")->required();
    common(resetCmd, true);
    resetCmd->final_callback([o, &env] { reset(*o, env); });
}

} // namespace bhxh::app::commands
