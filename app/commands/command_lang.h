#pragma once
#include "app/command_env.h"
#include "ui_model/lang_catalog.h"

#include <optional>
#include <string>

namespace bhxh::app::commands {

/// The language catalogue for a subcommand's messages (assets/lang), in `language` or, when
/// empty, the console's ([ui] language). Errors are printed and the exit code set (usage).
std::optional<ui::LangCatalog> commandLang(const AppConfig& config, const std::string& language, CommandEnv& env);

} // namespace bhxh::app::commands
