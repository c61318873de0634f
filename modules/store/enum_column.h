#pragma once
#include "common/result.h"

#include <optional>
#include <string>
#include <string_view>

namespace bhxh::store {

/// An enumeration read from a text column with the domain's one parse function
/// (parseDeclarationStatus, parseDecisionOutcome, parseOutboxState, …). A value the domain
/// does not know (a hand-edited row, a newer bhxh-desk) is an Error naming the column and the
/// value ("store.bad_value"), never read as a default.
template <class Enum>
Result<Enum> enumColumn(std::string_view value, std::optional<Enum> (*parse)(std::string_view), std::string_view column) {
    if (auto parsed = parse(value)) return *parsed;
    return makeError("store.bad_value",
                     std::string(column) + " holds the unknown value '" + std::string(value) + "'");
}

} // namespace bhxh::store
