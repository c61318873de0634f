// bhxh-desk doctor: the installation checks, one line each (OK / WARN / FAIL, the subject, what
// was found and, when something is wrong, the fix).
// Exit codes: 0 nothing failed (warnings allowed), 1 at least one check failed.
#include "app/commands/commands.h"
#include "app/asset_paths.h"
#include "app/doctor.h"
#include "ui_model/lang_catalog.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace bhxh::app::commands {

void addDoctorCommand(CLI::App& cli, CommandEnv& env) {
    CLI::App* cmd = cli.add_subcommand("doctor", "Check this installation: configuration, database, face models, "
                                                 "font, camera, portal and token, clock, SMTP, SMS gateway, disk "
                                                 "(exit 0 no failure, 1 a check failed)");
    cmd->final_callback([&env] {
        env.markCommandRan();
        const AppConfig* config = env.config();
        // The fixes are read in the configured language (assets/lang); what was found stays in
        // English for the help desk. Without the texts the keys are printed.
        const AppConfig defaults;
        auto lang = ui::LangCatalog::loadDirectory(AssetPaths::langDir(config ? *config : defaults));
        ui::LangCatalog texts = lang ? std::move(lang).value() : ui::LangCatalog();
        if (!lang) std::cerr << "bhxh-desk: " << lang.error().message << '\n';
        if (config) texts.setLanguage(config->ui.language);
        if (!config) {
            // env.config() printed the file, line and key at fault on stderr.
            std::cout << Doctor::format({DoctorCheck::Status::Fail, "config", "the configuration is not valid (see above)",
                                         "doctor.fix.config", {}},
                                        texts)
                      << '\n';
            env.setExitCode(kExitFailure);
            return;
        }
        bool failed = false;
        for (const auto& check : Doctor(*config).runAll()) {
            std::cout << Doctor::format(check, texts) << std::endl;
            failed = failed || check.status == DoctorCheck::Status::Fail;
        }
        env.setExitCode(failed ? kExitFailure : kExitOk);
    });
}

} // namespace bhxh::app::commands
