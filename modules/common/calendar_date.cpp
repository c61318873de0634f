#include "common/calendar_date.h"

#include <cstdio>
#include <ctime>

namespace bhxh {
namespace {

// Parses exactly n ASCII digits; std::from_chars would also accept a sign-free but shorter run.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t n) {
    if (pos + n > text.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<CalendarDate> fromParts(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
    if (!y || !m || !d) return std::nullopt;
    return CalendarDate::make(*y, *m, *d);
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(long z, long& y, long& m, long& d) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
}

std::string pad(int v, int width) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*d", width, v);
    return buf;
}

} // namespace

CalendarDate CalendarDate::todayLocal() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return make(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday).value_or(CalendarDate{});
}

bool CalendarDate::isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int CalendarDate::daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && isLeapYear(year)) return 29;
    return kDays[month - 1];
}

std::optional<CalendarDate> CalendarDate::make(int year, int month, int day) {
    if (year < 1 || year > 9999) return std::nullopt;
    if (day < 1 || day > daysInMonth(year, month)) return std::nullopt;
    return CalendarDate(year, month, day);
}

std::optional<CalendarDate> CalendarDate::parseCompact(std::string_view text) {
    if (text.size() != 8) return std::nullopt;
    return fromParts(digits(text, 4, 4), digits(text, 2, 2), digits(text, 0, 2));
}

std::optional<CalendarDate> CalendarDate::parseSlashed(std::string_view text) {
    if (text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
    return fromParts(digits(text, 6, 4), digits(text, 3, 2), digits(text, 0, 2));
}

std::optional<CalendarDate> CalendarDate::parseIso(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    return fromParts(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
}

std::string CalendarDate::toCompact() const { return pad(m_day, 2) + pad(m_month, 2) + pad(m_year, 4); }
std::string CalendarDate::toSlashed() const {
    return pad(m_day, 2) + "/" + pad(m_month, 2) + "/" + pad(m_year, 4);
}
std::string CalendarDate::toIso() const {
    return pad(m_year, 4) + "-" + pad(m_month, 2) + "-" + pad(m_day, 2);
}

long CalendarDate::daysSinceEpoch() const { return daysFromCivil(m_year, m_month, m_day); }

std::optional<CalendarDate> CalendarDate::plusDays(long n) const {
    constexpr long kMaxSpan = 4'000'000; // well beyond 9999 years; keeps the arithmetic in range
    if (n > kMaxSpan || n < -kMaxSpan) return std::nullopt;
    long y = 0, m = 0, d = 0;
    civilFromDays(daysSinceEpoch() + n, y, m, d);
    if (y < 1 || y > 9999) return std::nullopt;
    return make(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
}

} // namespace bhxh
