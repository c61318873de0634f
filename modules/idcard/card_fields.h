#pragma once
#include "idcard/parsed_card.h"

#include <string>
#include <utility>
#include <vector>

namespace bhxh::idcard {

/// The record as (name, display value) pairs in card order, e.g. {"id_number", "0790…"},
/// {"date_of_birth", "1990-03-15"}, for `scan --json` "fields" and the UI detail panel.
/// Dates are ISO (a year-only birth date is "yyyy"), absent optionals are "". Empty for
/// Unknown. Contains personal data: for display, never for logs.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> cardFields(const ParsedCard& card);

} // namespace bhxh::idcard
