#pragma once
#include "common/calendar_date.h"
#include "common/result.h"
#include "idcard/parsed_card.h"

#include <string>
#include <string_view>

/// Reading CCCD and BHYT QR payloads (card-formats.md). Pure functions: no I/O, no clock
/// ("today" is a parameter), no locale; safe to call from any thread.
///
/// Error codes (bhxh::Error::code):
///   idcard.invalid_field  a field of a CCCD/BHYT-shaped payload is wrong; the message names
///                         the card, the field and the reason, e.g.
///                         "CCCD field 3 (date of birth): 31/02/1990 is not a calendar date"
///   idcard.not_cccd / idcard.not_bhyt   parseCccd / parseBhyt given another shape
namespace bhxh::idcard {

/// Strips CR, LF, NUL and U+FEFF (BOM) anywhere and maps the fullwidth bar U+FF5C to '|' and
/// the fullwidth digits U+FF10..19 to ASCII everywhere (their NFKC form). Empty fields are never
/// collapsed. The rest happens per field in the parsers: NFKC for ids, dates and codes, NFC for
/// text (a full NFKC would also rewrite letters in names and addresses).
[[nodiscard]] std::string normalizePayload(std::string_view raw);

/// Tells the card apart by shape only (after normalizePayload): BHYT = 15 or 17 parts ending
/// with the "$"/"#" sentinel; CCCD = 7 or 11 parts with a 12-digit field 0; else Unknown.
[[nodiscard]] CardKind classifyPayload(std::string_view raw);

/// Normalises, classifies and parses. Unknown shapes succeed with kind Unknown and the raw
/// text; a CCCD/BHYT-shaped payload with a bad field is an error (idcard.invalid_field).
/// Cross-check failures are warnings in the result. today: for future birth dates (an error)
/// and card validity (warnings).
[[nodiscard]] Result<ParsedCard> parseCard(std::string_view raw, const CalendarDate& today);

/// parseCard restricted to CCCD: other shapes are idcard.not_cccd.
[[nodiscard]] Result<ParsedCard> parseCccd(std::string_view raw, const CalendarDate& today);
/// parseCard restricted to BHYT: other shapes are idcard.not_bhyt.
[[nodiscard]] Result<ParsedCard> parseBhyt(std::string_view raw, const CalendarDate& today);

} // namespace bhxh::idcard
