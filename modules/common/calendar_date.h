#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace bhxh {

/// A real day of the proleptic Gregorian calendar (year 1..9999). It can only hold dates that
/// exist: 31/02 and 29/02 of a non-leap year are refused by make() and the parsers. Code that
/// needs the current date takes it as a parameter (see todayLocal()), so tests can pin it.
class CalendarDate {
public:
    /// 1970-01-01; exists so records holding dates can be default-constructed.
    CalendarDate() = default;

    /// The date, or nothing when it is not a calendar date (month 13, 31/04, 29/02/2023, …).
    [[nodiscard]] static std::optional<CalendarDate> make(int year, int month, int day);
    /// "ddMMyyyy", exactly 8 ASCII digits (CCCD payloads).
    [[nodiscard]] static std::optional<CalendarDate> parseCompact(std::string_view text);
    /// "dd/MM/yyyy", exactly 2+2+4 ASCII digits (BHYT payloads, the UI).
    [[nodiscard]] static std::optional<CalendarDate> parseSlashed(std::string_view text);
    /// "yyyy-MM-dd" (ISO 8601, storage and JSON).
    [[nodiscard]] static std::optional<CalendarDate> parseIso(std::string_view text);

    /// The current date in the machine's local time zone. For the app layer only: domain code
    /// (parsers, rules) takes "today" as a parameter so tests can pin it.
    [[nodiscard]] static CalendarDate todayLocal();

    /// Gregorian leap year rule.
    [[nodiscard]] static bool isLeapYear(int year);
    /// 28..31, or 0 for a month outside 1..12.
    [[nodiscard]] static int daysInMonth(int year, int month);

    [[nodiscard]] int year() const { return m_year; }
    [[nodiscard]] int month() const { return m_month; }
    [[nodiscard]] int day() const { return m_day; }

    /// "ddMMyyyy".
    [[nodiscard]] std::string toCompact() const;
    /// "dd/MM/yyyy".
    [[nodiscard]] std::string toSlashed() const;
    /// "yyyy-MM-dd".
    [[nodiscard]] std::string toIso() const;

    /// Days since 1970-01-01 (negative before), for date arithmetic.
    [[nodiscard]] long daysSinceEpoch() const;
    /// The date n days later (earlier when n < 0); nothing outside years 1..9999.
    [[nodiscard]] std::optional<CalendarDate> plusDays(long n) const;

    /// Chronological order (year, then month, then day).
    friend auto operator<=>(const CalendarDate&, const CalendarDate&) = default;
    friend bool operator==(const CalendarDate&, const CalendarDate&) = default;

private:
    CalendarDate(int year, int month, int day) : m_year(year), m_month(month), m_day(day) {}

    int m_year = 1970;
    int m_month = 1;
    int m_day = 1;
};

} // namespace bhxh
