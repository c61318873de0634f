#pragma once
#include "common/result.h"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace bhxh::json {

/// Limits enforced while a JSON text is read, before anything deeper or larger is built: the
/// parser never recurses past maxDepth, never holds a string longer than maxStringBytes and
/// never reads more than maxBytes. nlohmann's own parse builds whatever it is given and its
/// dump() recurses once per level, so every JSON the desk reads goes through parseBounded.
struct Limits {
    std::size_t maxBytes = 4u * 1024u * 1024u;       ///< the whole text
    std::size_t maxDepth = 64;                       ///< nested objects and arrays
    std::size_t maxStringBytes = 64u * 1024u;        ///< any one string or key
    std::size_t maxValues = 1'000'000;               ///< values of any kind, all levels together
};

/// Parses `text` within `limits`. The Error has `errorCode` and a message starting with
/// `what` that names the place at fault (e.g. "items[3].full_name") and the limit; it never
/// quotes the text (which may carry personal data).
Result<nlohmann::json> parseBounded(std::string_view text, const Limits& limits, std::string_view what,
                                    const std::string& errorCode = "json.bad");

} // namespace bhxh::json
