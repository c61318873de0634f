#pragma once
#include "common/result.h"
#include "idcard/bhyt_card.h"
#include "idcard/cccd_card.h"

#include <string>

/// The inverse of the parsers: a record back to its QR payload text, for fictional test data,
/// the reference portal's printed QR payloads and the scanning benchmark.
/// parseCard(formatX(card)) gives back the same record. Error code: idcard.unformattable
/// (a plain-text field holds '|' or a control character, or a field has the wrong form).
namespace bhxh::idcard {

/// "id|old|name|ddMMyyyy|Nam|address|ddMMyyyy" (+ "|e7|e8|e9|e10" for Fields11). Text as NFC.
[[nodiscard]] Result<std::string> formatCccd(const CccdCard& card);
/// "card|hexname|dd/MM/yyyy|1|hex or -|79 - 001|…|$" (15 or 17 parts by card.format);
/// hex is lowercase UTF-8 of the NFC text.
[[nodiscard]] Result<std::string> formatBhyt(const BhytCard& card);

} // namespace bhxh::idcard
