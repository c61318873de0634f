#pragma once
#include <string>

namespace bhxh {

/// What went wrong, for a person: a stable machine code ("config.bad_value") and a message
/// that names the field or the thing at fault. Never carries personal data in clear.
struct Error {
    std::string code;
    std::string message;

    /// "code: message", for logs and the command line.
    [[nodiscard]] std::string describe() const;
};

} // namespace bhxh
