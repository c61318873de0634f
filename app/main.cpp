// bhxh-desk: the reception-desk console, and its command-line tools.
#include "app/asset_paths.h"
#include "app/config_loader.h"
#include "app/gui_app.h"
#include "app/log_setup.h"
#include "app/version.h"
#include "common/log.h"
#include "ui/lang_catalog.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;  // bad command line or bad configuration

struct Options {
    std::optional<std::filesystem::path> configPath;
    bool kiosk = false;
    std::string language;
};

// Loads and resolves the configuration; prints the error and returns nullopt when it is bad.
std::optional<bhxh::app::AppConfig> loadConfig(const Options& options) {
    using bhxh::app::ConfigLoader;
    bhxh::app::AppConfig config;
    if (auto path = ConfigLoader::locate(options.configPath)) {
        auto loaded = ConfigLoader::loadFile(*path);
        if (!loaded) {
            std::cerr << "bhxh-desk: " << loaded.error().message << '\n';
            return std::nullopt;
        }
        config = std::move(loaded).value();
    }
    if (options.kiosk) config.ui.kiosk = true;
    if (!options.language.empty()) config.ui.language = options.language;
    ConfigLoader::resolveDefaults(config);
    return config;
}

int runConsole(const bhxh::app::AppConfig& config) {
    auto logs = bhxh::app::LogSetup::start(config.log, config.paths.logDir);
    if (!logs) {
        std::cerr << "bhxh-desk: " << logs.error().message << '\n';
        return kExitFailure;
    }
    bhxh::log::info(std::string("bhxh-desk ") + bhxh::version::kString + " starting; config " +
                    (config.source.empty() ? "defaults" : config.source.string()));
    auto lang = bhxh::ui::LangCatalog::loadDirectory(bhxh::app::AssetPaths::langDir(config));
    if (!lang) {
        std::cerr << "bhxh-desk: " << lang.error().message << '\n';
        return kExitFailure;
    }
    lang->setLanguage(config.ui.language);
    bhxh::app::GuiApp gui(config, *lang);
    const int code = gui.run();
    if (code != 0) std::cerr << "bhxh-desk: the window could not start; see " << logs->file() << '\n';
    return code;
}

int runConfigCheck(const bhxh::app::AppConfig& config) {
    std::cout << "config:   " << (config.source.empty() ? "(defaults)" : config.source.string()) << '\n'
              << "office:   " << config.desk.officeCode << '-' << config.desk.deskId << '\n'
              << "language: " << config.ui.language << '\n'
              << "data:     " << config.paths.dataDir.string() << '\n'
              << "logs:     " << config.paths.logDir.string() << '\n'
              << "assets:   " << bhxh::app::AssetPaths::assetsDir(config).string() << '\n';
    return kExitOk;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App cli{"bhxh-desk — reception-desk console for BHXH e-transaction registrations (Form 01 / TK01).\n"
                 "Without a subcommand it opens the console window.",
                 "bhxh-desk"};
    cli.set_version_flag("--version", std::string("bhxh-desk ") + bhxh::version::kString);
    Options options;
    std::string configPath;
    cli.add_option("--config", configPath, "Configuration file (TOML); default: $BHXH_DESK_CONFIG, "
                                           "$XDG_CONFIG_HOME/bhxh-desk/config.toml, /etc/bhxh-desk/config.toml");
    cli.add_flag("--kiosk", options.kiosk, "Full screen with the larger kiosk font scale");
    cli.add_option("--lang", options.language, "Start in this language")->check(CLI::IsMember({"vi", "en"}));

    CLI::App* configCmd = cli.add_subcommand("config", "Inspect the configuration");
    CLI::App* configCheck = configCmd->add_subcommand("check", "Validate the configuration and print the paths in use");
    configCmd->require_subcommand(1);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = cli.exit(e);
        return code == 0 ? kExitOk : kExitUsage;
    }
    if (!configPath.empty()) options.configPath = configPath;

    const auto config = loadConfig(options);
    if (!config) return kExitUsage;
    if (configCheck->parsed()) return runConfigCheck(*config);
    return runConsole(*config);
}
