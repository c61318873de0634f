#pragma once
#include "common/result.h"

#include <string>

namespace bhxh::app {

/// Reads a password for the command line: from the terminal without echo when stdin is a tty
/// (the prompt goes to stderr, and `confirm` asks a second time), else one line from stdin so
/// that scripts can pipe it in. The caller wipes the result (PasswordHasher::wipe).
class PasswordPrompt {
public:
    /// "cli.no_password" when stdin ends before a line, "cli.password_mismatch" when the two
    /// entries differ. The trailing newline (and a '\r' before it) is not part of the password.
    static Result<std::string> read(const std::string& prompt, bool confirm);
};

} // namespace bhxh::app
