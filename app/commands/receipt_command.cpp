// bhxh-desk receipt DOSSIER_NO [--out FILE] [--lang vi|en]: the citizen's receipt of a decision
// (one A4 PDF page) from the local store.
// Exit codes: 0 written, 1 no decision for that dossier or the PDF could not be written,
// 2 bad usage, bad configuration or no database.
#include "app/asset_paths.h"
#include "app/commands/command_lang.h"
#include "app/commands/commands.h"
#include "app/receipt_printer.h"
#include "ui_model/lang_catalog.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace bhxh::app::commands {
namespace {

struct ReceiptOptions {
    std::string dossierNo;
    std::string out;
    std::string language;
    std::string dbPath;
};

void printReceipt(const ReceiptOptions& o, CommandEnv& env) {
    const AppConfig* config = env.config();
    if (!config) return;
    auto lang = commandLang(*config, o.language, env);
    if (!lang) return;
    const std::filesystem::path db = o.dbPath.empty() ? config->paths.dataDir / "desk.sqlite" : std::filesystem::path(o.dbPath);
    const std::filesystem::path out = o.out.empty() ? ReceiptPrinter::defaultPath(*config, o.dossierNo) : std::filesystem::path(o.out);
    auto printed = ReceiptPrinter::printFromStore(*config, *lang, db, o.dossierNo, out);
    if (!printed) {
        std::cerr << "bhxh-desk: " << printed.error().message << '\n';
        env.setExitCode(printed.error().code == "receipt.no_database" ? kExitUsage : kExitFailure);
        return;
    }
    std::cout << out.string() << '\n';
    env.setExitCode(kExitOk);
}

} // namespace

void addReceiptCommand(CLI::App& cli, CommandEnv& env) {
    auto o = std::make_shared<ReceiptOptions>();
    CLI::App* cmd = cli.add_subcommand("receipt", "Write the citizen's receipt of a decision (one A4 PDF page); "
                                                  "prints the file's path");
    cmd->add_option("DOSSIER_NO", o->dossierNo, "Dossier number (số hồ sơ)")->required();
    cmd->add_option("--out", o->out, "PDF file; default: <paths.data_dir>/receipts/<dossier>.pdf");
    cmd->add_option("--lang", o->language, "Language of the receipt; default: the console's")
        ->check(CLI::IsMember({"vi", "en"}));
    cmd->add_option("--db", o->dbPath, "Database file; default: <paths.data_dir>/desk.sqlite");
    cmd->final_callback([&env, o] { env.markCommandRan(); printReceipt(*o, env); });
}

} // namespace bhxh::app::commands
