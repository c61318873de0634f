#include "time_util.h"

#include "declarations/rfc3339.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace portal {

namespace {
constexpr std::int64_t kVnOffset = 7 * 3600;

std::tm vnTime(std::int64_t epochSeconds) {
    std::time_t t = static_cast<std::time_t>(epochSeconds + kVnOffset);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}
} // namespace

std::int64_t nowMicros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string httpDate(std::int64_t epochSeconds) {
    // Fixed English names: strftime's %a/%b would follow the process locale.
    static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t t = static_cast<std::time_t>(epochSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday,
                  kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string rfc3339(std::int64_t epochSeconds) {
    // The desk's own formatter (declarations/rfc3339.h), in Vietnam's offset.
    return bhxh::declarations::formatRfc3339(std::chrono::system_clock::time_point{std::chrono::seconds{epochSeconds}});
}

std::string isoDate(std::int64_t epochSeconds) {
    const std::tm tm = vnTime(epochSeconds);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return buf;
}

std::int64_t daysFromCivil(int y, int m, int d) {
    // Howard Hinnant's algorithm.
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

} // namespace portal
