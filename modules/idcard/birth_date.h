#pragma once
#include "common/calendar_date.h"

#include <compare>
#include <optional>
#include <string>

namespace bhxh::idcard {

/// A date of birth as BHYT cards carry it: a full calendar date, or only the year (older
/// records, "1952" alone). Never invents a day or a month for a year-only date.
class BirthDate {
public:
    /// 1970-01-01 (full date); for default-constructed records.
    BirthDate() = default;
    /// A full date.
    explicit BirthDate(const CalendarDate& date) : m_year(date.year()), m_date(date) {}
    /// Only the year is known; nothing when the year is outside 1..9999.
    [[nodiscard]] static std::optional<BirthDate> yearOnly(int year);

    [[nodiscard]] bool isYearOnly() const { return !m_date.has_value(); }
    [[nodiscard]] int year() const { return m_year; }
    /// The full date, or nothing for a year-only birth date.
    [[nodiscard]] const std::optional<CalendarDate>& date() const { return m_date; }

    /// True when the birth date lies after today (for a year-only date: the year is later).
    [[nodiscard]] bool isAfter(const CalendarDate& today) const;
    /// "dd/MM/yyyy", or "yyyy" for a year-only date (the BHYT payload form).
    [[nodiscard]] std::string toSlashed() const;
    /// "yyyy-MM-dd", or "yyyy" for a year-only date.
    [[nodiscard]] std::string toIso() const;

    friend bool operator==(const BirthDate&, const BirthDate&) = default;

private:
    int m_year = 1970;
    std::optional<CalendarDate> m_date = CalendarDate{};
};

} // namespace bhxh::idcard
