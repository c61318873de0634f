#include "idcard/card_warning.h"

namespace bhxh::idcard {

std::string warningCodeName(CardWarningCode code) {
    switch (code) {
    case CardWarningCode::CccdGenderDigit: return "cccd_gender_digit";
    case CardWarningCode::CccdCenturyDigit: return "cccd_century_digit";
    case CardWarningCode::CccdBirthYearDigits: return "cccd_birth_year_digits";
    case CardWarningCode::BhytExpired: return "bhyt_expired";
    case CardWarningCode::BhytNotYetValid: return "bhyt_not_yet_valid";
    case CardWarningCode::BhytCheckStringShape: return "bhyt_check_string_shape";
    }
    return "unknown";
}

std::string CardWarning::key() const { return "idcard.warning." + warningCodeName(code); }

std::string CardWarning::param(const std::string& name) const {
    for (const auto& [k, v] : params)
        if (k == name) return v;
    return {};
}

std::string CardWarning::describe() const {
    switch (code) {
    case CardWarningCode::CccdGenderDigit:
        return "CCCD digit 4 (" + param("digit") + ") does not match the gender on the card (" + param("gender") + ")";
    case CardWarningCode::CccdCenturyDigit:
        return "CCCD digit 4 (" + param("digit") + ") does not match the century of the birth year " +
               param("birth_year");
    case CardWarningCode::CccdBirthYearDigits:
        return "CCCD digits 5-6 (" + param("digits") + ") do not match the birth year " + param("birth_year");
    case CardWarningCode::BhytExpired:
        return "BHYT card expired on " + param("valid_to");
    case CardWarningCode::BhytNotYetValid:
        return "BHYT card is valid only from " + param("valid_from");
    case CardWarningCode::BhytCheckStringShape:
        return "BHYT check string does not have the expected shape (15-16 hex digits, '-', 4 digits)";
    }
    return key();
}

} // namespace bhxh::idcard
