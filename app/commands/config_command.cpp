// bhxh-desk config check: validate the configuration and print the paths in use.
#include "app/asset_paths.h"
#include "app/commands/commands.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace bhxh::app::commands {

void addConfigCommand(CLI::App& cli, CommandEnv& env) {
    CLI::App* config = cli.add_subcommand("config", "Inspect the configuration");
    config->require_subcommand(1);
    CLI::App* check = config->add_subcommand("check", "Validate the configuration and print the paths in use");
    check->final_callback([&env] {
        env.markCommandRan();
        const AppConfig* c = env.config();
        if (!c) return;
        std::cout << "config:   " << (c->source.empty() ? "(defaults)" : c->source.string()) << '\n'
                  << "office:   " << c->desk.officeCode << '-' << c->desk.deskId << '\n'
                  << "language: " << c->ui.language << '\n'
                  << "data:     " << c->paths.dataDir.string() << '\n'
                  << "logs:     " << c->paths.logDir.string() << '\n'
                  << "assets:   " << AssetPaths::assetsDir(*c).string() << '\n'
                  << "audit key: " << c->audit.keyFile.string() << '\n';
    });
}

} // namespace bhxh::app::commands
