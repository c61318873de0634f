#pragma once
#include <string>
#include <utility>
#include <vector>

namespace bhxh::idcard {

/// Cross-checks that failed: the card is still read, the clerk sees the warning.
enum class CardWarningCode {
    CccdGenderDigit,     ///< digit 4 says male/female, field 4 says the other
    CccdCenturyDigit,    ///< digit 4 says another century than the birth year
    CccdBirthYearDigits, ///< digits 5–6 are not the last two digits of the birth year
    BhytExpired,         ///< valid-to is before today
    BhytNotYetValid,     ///< valid-from is after today
    BhytCheckStringShape, ///< check string is not ^[0-9a-f]{15,16}-\d{4}$
};

/// One warning: a stable code plus named parameters, so the UI can translate it
/// (lang key = key(), placeholders "{name}" = params). Parameters never hold an ID number.
struct CardWarning {
    CardWarningCode code;
    std::vector<std::pair<std::string, std::string>> params;

    /// Translation key, e.g. "idcard.warning.cccd_gender_digit".
    [[nodiscard]] std::string key() const;
    /// The value of a parameter, or "" when absent.
    [[nodiscard]] std::string param(const std::string& name) const;
    /// An English sentence with the parameters filled in (CLI, logs, tests).
    [[nodiscard]] std::string describe() const;

    friend bool operator==(const CardWarning&, const CardWarning&) = default;
};

/// "cccd_gender_digit", "bhyt_expired", …: the code's stable name.
[[nodiscard]] std::string warningCodeName(CardWarningCode code);

} // namespace bhxh::idcard
