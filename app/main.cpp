// bhxh-desk: the reception-desk console, and its command-line tools.
#include "app/asset_paths.h"
#include "app/command_env.h"
#include "app/commands/commands.h"
#include "app/desk_services.h"
#include "app/gui_app.h"
#include "app/log_setup.h"
#include "app/version.h"
#include "common/log.h"
#include "common/stop_signals.h"
#include "net/curl_url.h"
#include "ui_model/lang_catalog.h"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <sys/stat.h>

namespace {

using namespace bhxh::app;

int runConsole(const AppConfig& fileConfig) {
    // Before any thread starts: the stop signals are taken by the window's signal thread only.
    bhxh::StopSignals::blockInThisThread();
    auto logs = LogSetup::start(fileConfig.log, fileConfig.paths.logDir);
    if (!logs) {
        std::cerr << "bhxh-desk: " << logs.error().message << '\n';
        return kExitFailure;
    }
    bhxh::log::info(std::string("bhxh-desk ") + bhxh::version::kString + " starting; config " +
                    (fileConfig.source.empty() ? "defaults" : fileConfig.source.string()));
    auto lang = bhxh::ui::LangCatalog::loadDirectory(AssetPaths::langDir(fileConfig));
    if (!lang) {
        std::cerr << "bhxh-desk: " << lang.error().message << '\n';
        return kExitFailure;
    }
    lang->setLanguage(fileConfig.ui.language);
    auto services = DeskServices::start(fileConfig);
    if (!services) {
        bhxh::log::error(services.error().describe());
        std::cerr << "bhxh-desk: " << services.error().message << '\n';
        return kExitFailure;
    }
    // What an administrator changed on the settings screen wins over the file.
    AppConfig config = fileConfig;
    if (auto applied = (*services)->applyStoredSettings(config); !applied) {
        bhxh::log::error("settings changed in the console not read: " + applied.error().describe());
    }
    // SMS and e-mail leave from the outbox while the window is open; a driver that cannot be
    // built (unknown profile, unreadable secrets) is a configuration error, named before the window.
    if (auto delivery = (*services)->startDelivery(config); !delivery) {
        bhxh::log::error(delivery.error().describe());
        std::cerr << "bhxh-desk: " << delivery.error().message << '\n';
        return kExitUsage;
    }
    if (auto upkeep = (*services)->startMaintenance(config); !upkeep) {
        bhxh::log::error("retention purge not started: " + upkeep.error().describe());
    }
    GuiApp gui(config, *lang, **services);
    if (auto ran = gui.run(); !ran) {
        bhxh::log::error(ran.error().describe());
        std::cerr << "bhxh-desk: " << ran.error().message << '\n';
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace

int main(int argc, char** argv) {
    // Everything the desk writes (database, WAL, backups, photos, receipts, spools, exports,
    // logs) is for this user only, whichever command runs first.
    ::umask(077);
    // libcurl's process-wide init, once, before any thread exists.
    bhxh::net::globalInit();
    CLI::App cli{"bhxh-desk — reception-desk console for BHXH e-transaction registrations (Form 01 / TK01).\n"
                 "Without a subcommand it opens the console window.",
                 "bhxh-desk"};
    cli.set_version_flag("--version", std::string("bhxh-desk ") + bhxh::version::kString);
    CommandEnv env;
    cli.add_option("--config", env.configPath, "Configuration file (TOML); default: $BHXH_DESK_CONFIG, "
                                               "$XDG_CONFIG_HOME/bhxh-desk/config.toml, /etc/bhxh-desk/config.toml");
    cli.add_flag("--kiosk", env.kiosk, "Full screen with the larger kiosk font scale");
    cli.add_option("--officer", env.officer, "Officer id typed into the sign-in form in advance (the password is still asked)");
    cli.add_option("--lang", env.language, "Start in this language")->check(CLI::IsMember({"vi", "en"}));

    commands::addConfigCommand(cli, env);
    commands::addAuditCommand(cli, env);
    commands::addFaceCommands(cli, env);
    commands::addOutboxCommand(cli, env);
    commands::addOfficerCommand(cli, env);
    commands::addPurgeCommand(cli, env);
    commands::addScanCommand(cli, env);
    commands::addSyncCommand(cli, env);
    commands::addReceiptCommand(cli, env);
    commands::addReportCommand(cli, env);
    commands::addPrintCommand(cli, env);
    commands::addDoctorCommand(cli, env);
    commands::addChipCommand(cli, env);

    // Subcommands run inside parse(): whatever one of them throws ends here, as a message and
    // exit code 1, never as an abort.
    try {
        try {
            cli.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            const int code = cli.exit(e);
            return code == 0 ? kExitOk : kExitUsage;
        }
        if (env.commandRan()) return env.exitCode();

        const AppConfig* config = env.config();
        if (!config) return env.exitCode();
        return runConsole(*config);
    } catch (const std::exception& e) {
        std::cerr << "bhxh-desk: unexpected error: " << e.what() << '\n';
        return kExitFailure;
    } catch (...) {
        std::cerr << "bhxh-desk: unexpected error\n";
        return kExitFailure;
    }
}
