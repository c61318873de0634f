#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace bhxh {

/// `t` in the desk's local time zone, formatted with strftime(3) (e.g. "%H:%M"). The one place
/// the console turns a time point into what an officer reads.
[[nodiscard]] std::string formatLocalTime(std::chrono::system_clock::time_point t, const char* strftimeFormat);

/// How every date reaches an officer's eyes: dd/mm/yyyy (CalendarDate::toSlashed is the same).
inline constexpr const char* kDisplayDateFormat = "%d/%m/%Y";
inline constexpr const char* kDisplayDateTimeFormat = "%d/%m/%Y %H:%M:%S";

/// The local date of `t`, "dd/mm/yyyy".
[[nodiscard]] std::string formatLocalDate(std::chrono::system_clock::time_point t);
/// The local date and time of `t`, "dd/mm/yyyy HH:MM:SS".
[[nodiscard]] std::string formatLocalDateTime(std::chrono::system_clock::time_point t);
/// A stored date ("yyyy-MM-dd", as the database and the portal keep it) as an officer reads it,
/// "dd/mm/yyyy"; any other text (empty, already slashed, unreadable) comes back unchanged.
[[nodiscard]] std::string displayDate(std::string_view storedDate);

} // namespace bhxh
