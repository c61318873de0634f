#include "common/local_time.h"

#include "common/calendar_date.h"

#include <ctime>

namespace bhxh {

std::string formatLocalTime(std::chrono::system_clock::time_point t, const char* strftimeFormat) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[64];
    const std::size_t n = std::strftime(buf, sizeof buf, strftimeFormat, &tm);
    return std::string(buf, n);
}

std::string formatLocalDate(std::chrono::system_clock::time_point t) { return formatLocalTime(t, kDisplayDateFormat); }

std::string formatLocalDateTime(std::chrono::system_clock::time_point t) {
    return formatLocalTime(t, kDisplayDateTimeFormat);
}

std::string displayDate(std::string_view storedDate) {
    if (const auto date = CalendarDate::parseIso(storedDate)) return date->toSlashed();
    return std::string(storedDate);
}

} // namespace bhxh
