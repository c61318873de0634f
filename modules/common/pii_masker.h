#pragma once
#include <string>
#include <string_view>

namespace bhxh {

/// Masks personal data in free text before it reaches a log: ID numbers (12-digit CCCD,
/// 9-digit CMND), 10-digit BHXH codes and any other run of 9+ digits, phone numbers written
/// with separators (0983 847 986, +84 983.847.986), the local part of e-mail addresses, and the
/// values of secrets written as key=value (password, token, api_key, …) or "Bearer …".
/// Digits keep only their last three ("*********234"); the text around them is left as it is.
class PiiMasker {
public:
    /// Returns `text` with every match masked. Idempotent: masking masked text changes nothing.
    [[nodiscard]] static std::string mask(std::string_view text);

private:
    static std::string maskNumbers(std::string_view text);
    static std::string maskSecrets(const std::string& text);
    static std::string maskEmails(const std::string& text);
};

} // namespace bhxh
