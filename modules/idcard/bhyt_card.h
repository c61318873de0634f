#pragma once
#include "common/calendar_date.h"
#include "idcard/birth_date.h"
#include "idcard/gender.h"

#include <optional>
#include <string>

namespace bhxh::idcard {

/// Which BHYT payload layout a card carried.
enum class BhytFormat {
    Old, ///< 14 fields + sentinel (15 parts)
    New, ///< 16 fields + sentinel (17 parts): cards from 2022 and the VssID app
};

/// The BHYT (health-insurance) QR payload, field by field (card-formats.md). Hex fields are
/// already decoded (strictly) and NFC; "-" fields are empty optionals.
struct BhytCard {
    /// Field 0, upper case: 15 chars (group, level, province, BHXH code) or the 10-digit code.
    std::string cardNumber;
    std::string fullName;                   ///< field 1 (hex): decoded, NFC, trimmed, never empty
    BirthDate dateOfBirth;                  ///< field 2: dd/MM/yyyy or yyyy alone
    Gender gender = Gender::Male;           ///< field 3: 1 = Nam, 2 = Nữ
    std::optional<std::string> address;     ///< field 4: hex on old cards, "-" on new ones
    std::string registeredHospitalCode;     ///< field 5: "79 - 001" → "79001" (5 chars)
    std::optional<CalendarDate> validFrom;  ///< field 6
    std::optional<CalendarDate> validTo;    ///< field 7: "-" = no end date
    CalendarDate issueDate;                 ///< field 8
    std::string managementCode;             ///< field 9: ASCII digits
    std::optional<std::string> parentName;  ///< field 10: hex or "-"
    std::string livingAreaCode;             ///< field 11: one digit ("4"; 5/6/7 = K1/K2/K3), or empty for "-"
    std::optional<CalendarDate> fiveYearsDate; ///< field 12: date of 5 continuous years, or "-"
    std::string checkString;                ///< field 13: kept as is (trimmed); only its shape is checked
    std::string benefitLevel;               ///< field 14 (new format only): trimmed, "" for "-"
    std::optional<std::string> placeOfIssue; ///< field 15 (new format only): hex or "-"
    BhytFormat format = BhytFormat::New;
    char sentinel = '$';                    ///< last part: '$' (or '#', seen once)

    /// The mã số BHXH: the last 10 characters of the card number (the Form 01 lookup key).
    [[nodiscard]] std::string bhxhCode() const;
    /// True for the 15-character card number of old cards.
    [[nodiscard]] bool hasLongCardNumber() const { return cardNumber.size() == 15; }
    /// Beneficiary group ("DN", "HS", …) of a 15-char card number, else empty.
    [[nodiscard]] std::string beneficiaryGroup() const;
    /// Benefit level digit 1–5 of a 15-char card number, else -1.
    [[nodiscard]] int cardBenefitLevel() const;
    /// 2-digit province of a 15-char card number, else empty.
    [[nodiscard]] std::string cardProvinceCode() const;

    friend bool operator==(const BhytCard&, const BhytCard&) = default;
};

} // namespace bhxh::idcard
