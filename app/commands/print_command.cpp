// bhxh-desk print FILE [--printer URI] [--timeout S]: sends a PDF (a receipt, the day report) to
// the counter's printer over IPP and follows the job until it is printed, one line per change:
//   sending
//   job 3: pending
//   job 3: processing (media_empty)
//   job 3: completed
// The printer is [print] printer_uri unless --printer names another. The PDF is never removed.
// Exit codes: 0 printed, 1 not printed (unreachable, stopped, out of paper past the wait, refused),
// 2 bad usage, no printer configured or bad configuration.
#include "app/commands/commands.h"
#include "common/stop_signals.h"
#include "print/adapters/ipp_printer.h"
#include "print/job_status_text.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <stop_token>
#include <string>

namespace bhxh::app::commands {
namespace {

struct PrintOptions {
    std::string file;
    std::string printer;
    int timeoutS = 0;
};

// The CLI speaks English: the state's lang key without its prefix ("print.state.pending" → "pending").
std::string word(const std::string& key) { return key.substr(key.rfind('.') + 1); }

void printFile(const PrintOptions& o, CommandEnv& env) {
    const AppConfig* config = env.config();
    if (!config) return;
    const std::string uri = o.printer.empty() ? config->print.printerUri : o.printer;
    if (uri.empty()) {
        std::cerr << "bhxh-desk: no printer: set [print] printer_uri or pass --printer ipp://…\n";
        env.setExitCode(kExitUsage);
        return;
    }
    if (!print::Printer::acceptableUri(uri)) {
        std::cerr << "bhxh-desk: not an ipp:// or ipps:// printer URI: " << uri << '\n';
        env.setExitCode(kExitUsage);
        return;
    }
    print::Printer::Limits limits;
    limits.job = std::chrono::seconds(o.timeoutS > 0 ? o.timeoutS : config->print.jobTimeoutS);
    print::IppPrinter printer(limits);
    // SIGINT / SIGTERM stop the wait at once (the PDF stays); main() blocked them for sigwait.
    std::stop_source stop;
    StopSignals signals([&stop](int) { stop.request_stop(); });
    auto progress = [](const print::JobStatus& s) {
        if (s.jobId > 0) std::cout << "job " << s.jobId << ": ";
        std::cout << word(print::JobStatusText::stateKey(s.state));
        const std::string reason = print::JobStatusText::reasonKey(s.printerReasons, s.printerStopped);
        if (!reason.empty()) std::cout << " (" << word(reason) << ")";
        std::cout << std::endl;
    };
    auto printed = printer.print({uri, o.file, std::filesystem::path(o.file).filename().string(), "bhxh-desk"}, progress,
                                 stop.get_token());
    if (!printed) {
        const auto& e = printed.error();
        std::cerr << "bhxh-desk: not printed (" << word(e.code) << "): "
                  << (e.message.rfind("print.reason.", 0) == 0 ? word(e.message) : e.message) << "; the PDF is kept at "
                  << o.file << '\n';
        env.setExitCode(kExitFailure);
        return;
    }
    env.setExitCode(kExitOk);
}

} // namespace

void addPrintCommand(CLI::App& cli, CommandEnv& env) {
    auto o = std::make_shared<PrintOptions>();
    CLI::App* cmd = cli.add_subcommand("print", "Send a PDF to the counter's printer (IPP) and wait until it is printed");
    cmd->add_option("FILE", o->file, "PDF file (a receipt, the day report)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--printer", o->printer, "ipp:// or ipps:// printer URI; default: [print] printer_uri");
    cmd->add_option("--timeout", o->timeoutS, "Seconds to wait until printed; default: [print] job_timeout_s")
        ->check(CLI::Range(1, 3600));
    cmd->final_callback([&env, o] { env.markCommandRan(); printFile(*o, env); });
}

} // namespace bhxh::app::commands
