#pragma once
#include "idcard/bhyt_card.h"
#include "idcard/card_warning.h"
#include "idcard/cccd_card.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh::idcard {

/// What a payload turned out to be.
enum class CardKind { Unknown, Cccd, Bhyt };

/// "unknown" / "cccd" / "bhyt" (JSON, logs).
[[nodiscard]] std::string_view cardKindName(CardKind kind);

/// A payload that was read: exactly one of cccd / bhyt is set for those kinds; for Unknown
/// neither is, and the text is kept for the clerk, never guessed at.
struct ParsedCard {
    CardKind kind = CardKind::Unknown;
    std::optional<CccdCard> cccd;
    std::optional<BhytCard> bhyt;
    std::vector<CardWarning> warnings;
    std::string rawText;        ///< exactly the bytes received
    std::string normalizedText; ///< normalizePayload(rawText)
};

} // namespace bhxh::idcard
