#include "app/commands/command_lang.h"

#include "app/asset_paths.h"

#include <iostream>

namespace bhxh::app::commands {

std::optional<ui::LangCatalog> commandLang(const AppConfig& config, const std::string& language, CommandEnv& env) {
    auto lang = ui::LangCatalog::loadDirectory(AssetPaths::langDir(config));
    if (!lang) {
        std::cerr << "bhxh-desk: " << lang.error().message << '\n';
        env.setExitCode(kExitUsage);
        return std::nullopt;
    }
    lang->setLanguage(language.empty() ? config.ui.language : language);
    return std::move(lang).value();
}

} // namespace bhxh::app::commands
