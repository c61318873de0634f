#pragma once
#include "common/calendar_date.h"
#include "idcard/gender.h"

#include <array>
#include <string>

namespace bhxh::idcard {

/// Which CCCD payload layout a card carried.
enum class CccdLayout {
    Fields7,  ///< cards issued before mid-2024
    Fields11, ///< cards from mid-2024: 4 more fields, meaning unconfirmed
};

/// The CCCD / Căn cước QR payload, field by field (card-formats.md). Text is NFC.
struct CccdCard {
    std::string idNumber;        ///< field 0: 12 ASCII digits
    std::string oldIdNumber;     ///< field 1: old CMND, 9 ASCII digits, or empty
    std::string fullName;        ///< field 2: NFC, trimmed, never empty
    CalendarDate dateOfBirth;    ///< field 3
    Gender gender = Gender::Male; ///< field 4
    std::string address;         ///< field 5: NFC, trimmed, may be empty
    CalendarDate issueDate;      ///< field 6
    CccdLayout layout = CccdLayout::Fields7;
    /// Fields 7..10 of 11-field cards, NFC but otherwise raw (not trimmed, not interpreted);
    /// all empty for 7-field cards.
    std::array<std::string, 4> extraFields;

    /// Digits 1–3 of the ID number: province of birth ("079" = TP. Hồ Chí Minh).
    [[nodiscard]] std::string provinceCode() const;
    /// Digit 4 of the ID number (0/1 = 1900s male/female, 2/3 = 2000s, …), or -1 if the ID
    /// number is not 12 digits.
    [[nodiscard]] int centuryGenderDigit() const;
    /// Digits 5–6 of the ID number: the last two digits of the birth year.
    [[nodiscard]] std::string birthYearDigits() const;

    friend bool operator==(const CccdCard&, const CccdCard&) = default;
};

} // namespace bhxh::idcard
