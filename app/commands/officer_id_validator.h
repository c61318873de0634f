#pragma once
#include <CLI/CLI.hpp>

namespace bhxh::app::commands {

/// CLI11 check for an option that names an officer (`--by` of audit export, purge and officer):
/// the rule of security::validateOfficerId, applied while the command line is parsed, so a bad
/// id is a usage error (exit 2, "--by: <the rule>") before any configuration or store is opened.
/// Use: `cmd->add_option("--by", by, "...")->check(OfficerIdValidator{});`
class OfficerIdValidator : public CLI::Validator {
public:
    OfficerIdValidator();
};

} // namespace bhxh::app::commands
