#pragma once
#include "chip/bac_key.h"
#include "common/calendar_date.h"
#include "common/result.h"

#include <optional>
#include <string_view>

namespace bhxh::chip {

/// The BAC key of a CCCD from what the desk already knows (docs/card-formats.md, "The chip's
/// key"): document number = the last 9 digits of the 12-digit ID number, birth date from the QR,
/// expiry from the birth and issue dates (renewal ages 14, 25, 40, 60; a card issued within two
/// years before an age is valid to the next one; from 58 on it does not expire).
class CccdBacKey {
public:
    /// The milestone ages at which a card expires (its holder's birthday at that age).
    static constexpr int kRenewalAges[] = {14, 25, 40, 60};

    /// The expiry a card issued on issueDate carries, or nothing when it never expires.
    [[nodiscard]] static std::optional<CalendarDate> expiryFor(const CalendarDate& birth, const CalendarDate& issue);
    /// BAC input from the ID number and explicit dates (a typed expiry).
    [[nodiscard]] static Result<BacInput> fromDates(std::string_view idNumber, const CalendarDate& birth,
                                                    const CalendarDate& expiry);
    /// BAC input with the derived expiry; error chip.no_derived_expiry when the card never
    /// expires (the MRZ's expiry is then unknown: ask the clerk).
    [[nodiscard]] static Result<BacInput> derive(std::string_view idNumber, const CalendarDate& birth,
                                                 const CalendarDate& issue);
    /// YYMMDD of a date.
    [[nodiscard]] static std::string yymmdd(const CalendarDate& date);
    /// The person's birthday in the year they turn `age` (29/02 → 28/02 in common years).
    [[nodiscard]] static std::optional<CalendarDate> birthdayAt(const CalendarDate& birth, int age);
};

} // namespace bhxh::chip
