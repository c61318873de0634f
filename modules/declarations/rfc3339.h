#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace bhxh::declarations {

/// Reads the portal's times: "2026-11-30T09:12:00+07:00", "…Z", optional fractional seconds.
/// nullopt for anything else (the caller shows "unknown", never a guess).
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parseRfc3339(std::string_view text);

/// "2026-11-30T09:12:00+07:00" for a time point, in the given UTC offset (Vietnam: +07:00).
[[nodiscard]] std::string formatRfc3339(std::chrono::system_clock::time_point at, int offsetMinutes = 7 * 60);

} // namespace bhxh::declarations
