#pragma once
#include "app/command_env.h"

namespace CLI { class App; }

/// Each subcommand lives in its own file under app/commands/ and registers itself here.
/// A command's callback runs after the whole command line is parsed, calls env.config() when
/// it needs the configuration, and sets env's exit code.
namespace bhxh::app::commands {

void addConfigCommand(CLI::App& cli, CommandEnv& env);
void addAuditCommand(CLI::App& cli, CommandEnv& env);
void addFaceCommands(CLI::App& cli, CommandEnv& env);
void addOutboxCommand(CLI::App& cli, CommandEnv& env);
/// bhxh-desk officer add|list|disable|enable|reset: officer accounts (officer_command.cpp).
void addOfficerCommand(CLI::App& cli, CommandEnv& env);
/// bhxh-desk purge [--days N]: photos and frames past the retention period (purge_command.cpp).
void addPurgeCommand(CLI::App& cli, CommandEnv& env);
/// bhxh-desk scan [--json] PATH...: QR codes of images, folders and videos (scan_command.cpp).
void addScanCommand(CLI::App& cli, CommandEnv& env);
void addSyncCommand(CLI::App& cli, CommandEnv& env);
/// bhxh-desk receipt DOSSIER_NO [--out FILE] [--lang vi|en]: the citizen's PDF receipt (receipt_command.cpp).
void addReceiptCommand(CLI::App& cli, CommandEnv& env);
/// bhxh-desk report day [--date D] [--out FILE] [--lang vi|en]: the day report PDF (report_command.cpp).
void addReportCommand(CLI::App& cli, CommandEnv& env);
/// bhxh-desk print FILE [--printer URI]: a PDF to the counter's printer over IPP (print_command.cpp).
void addPrintCommand(CLI::App& cli, CommandEnv& env);
/// bhxh-desk doctor: installation checks, one line each (doctor_command.cpp, app/doctor.h).
void addDoctorCommand(CLI::App& cli, CommandEnv& env);
/// bhxh-desk chip readers | chip read [--json] …: the CCCD chip over PC/SC (chip_command.cpp).
void addChipCommand(CLI::App& cli, CommandEnv& env);

} // namespace bhxh::app::commands
