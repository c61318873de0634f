#pragma once
// Internal to the idcard module: the pieces the CCCD and BHYT parsers share.
#include "common/calendar_date.h"
#include "common/error.h"
#include "common/result.h"
#include "idcard/parsed_card.h"

#include <string>
#include <string_view>
#include <vector>

namespace bhxh::idcard::detail {

/// Splits on '|', keeping every empty field ("a||b" → 3 fields).
[[nodiscard]] std::vector<std::string> splitFields(std::string_view text);
/// Drops leading and trailing ASCII spaces and tabs.
[[nodiscard]] std::string_view trim(std::string_view s);
/// NFKC + trim: for digits, dates, codes (fullwidth "１５" → "15").
[[nodiscard]] std::string structural(std::string_view field);
[[nodiscard]] bool isAsciiDigits(std::string_view s);
/// 1-based digit string to int; s must be ASCII digits and short.
[[nodiscard]] int toInt(std::string_view s);
/// A value safe to quote in an error: short printable ASCII, else a description of its size.
[[nodiscard]] std::string quoteForError(std::string_view value);

/// "CCCD field 3 (date of birth): reason" as idcard.invalid_field.
[[nodiscard]] Error fieldError(CardKind kind, int index, std::string_view name, std::string_view reason);

/// Parses the fields of a CCCD-shaped payload (7 or 11 fields); fills card.cccd and warnings.
[[nodiscard]] Result<void> parseCccdFields(const std::vector<std::string>& fields, const CalendarDate& today,
                                           ParsedCard& card);
/// Parses the parts of a BHYT-shaped payload (15 or 17 parts, sentinel last).
[[nodiscard]] Result<void> parseBhytFields(const std::vector<std::string>& parts, const CalendarDate& today,
                                           ParsedCard& card);

} // namespace bhxh::idcard::detail
