#pragma once
#include <chrono>
#include <string>

namespace bhxh {

/// `t` in the desk's local time zone, formatted with strftime(3) (e.g. "%H:%M"). The one place
/// the console turns a time point into what an officer reads.
[[nodiscard]] std::string formatLocalTime(std::chrono::system_clock::time_point t, const char* strftimeFormat);

} // namespace bhxh
