#include "chip/cccd_bac_key.h"

namespace bhxh::chip {

std::string CccdBacKey::yymmdd(const CalendarDate& d) {
    const std::string iso = d.toIso(); // yyyy-MM-dd
    return iso.substr(2, 2) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::optional<CalendarDate> CccdBacKey::birthdayAt(const CalendarDate& birth, int age) {
    const int year = birth.year() + age;
    if (auto d = CalendarDate::make(year, birth.month(), birth.day())) return d;
    if (birth.month() == 2 && birth.day() == 29) return CalendarDate::make(year, 2, 28);
    return std::nullopt;
}

std::optional<CalendarDate> CccdBacKey::expiryFor(const CalendarDate& birth, const CalendarDate& issue) {
    for (int age : kRenewalAges) {
        const auto twoYearsBefore = birthdayAt(birth, age - 2);
        if (!twoYearsBefore) return std::nullopt;
        if (issue < *twoYearsBefore) return birthdayAt(birth, age);
    }
    return std::nullopt;
}

Result<BacInput> CccdBacKey::fromDates(std::string_view idNumber, const CalendarDate& birth,
                                       const CalendarDate& expiry) {
    if (idNumber.size() != 12) return makeError("chip.bad_bac_input", "the ID number does not have 12 digits");
    for (char c : idNumber)
        if (c < '0' || c > '9') return makeError("chip.bad_bac_input", "the ID number holds a non-digit");
    BacInput in;
    in.documentNumber = std::string(idNumber.substr(3));
    in.birthDate = yymmdd(birth);
    in.expiryDate = yymmdd(expiry);
    return in;
}

Result<BacInput> CccdBacKey::derive(std::string_view idNumber, const CalendarDate& birth, const CalendarDate& issue) {
    const auto expiry = expiryFor(birth, issue);
    if (!expiry)
        return makeError("chip.no_derived_expiry",
                         "the card was issued after its holder's 58th birthday and never expires; the MRZ's expiry must be typed");
    return fromDates(idNumber, birth, *expiry);
}

} // namespace bhxh::chip
