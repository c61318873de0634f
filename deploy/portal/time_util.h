#pragma once
#include <cstdint>
#include <string>

namespace portal {

/// Microseconds since the epoch (system clock).
std::int64_t nowMicros();
/// RFC 3339 in Vietnam's offset (+07:00), second precision: what the contract shows.
std::string rfc3339(std::int64_t epochSeconds);
/// "YYYY-MM-DD" of the day in Vietnam's offset.
std::string isoDate(std::int64_t epochSeconds);
/// An HTTP date (RFC 9110 IMF-fixdate, GMT): "Sun, 06 Nov 1994 08:49:37 GMT".
std::string httpDate(std::int64_t epochSeconds);
/// Days since 1970-01-01 for a civil date (proleptic Gregorian).
std::int64_t daysFromCivil(int y, int m, int d);

} // namespace portal
