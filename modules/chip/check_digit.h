#pragma once
#include <optional>
#include <string_view>

namespace bhxh::chip {

/// The ICAO 9303-3 check digit: weights 7, 3, 1 repeating; digits count as their value, A–Z as
/// 10–35, the filler '<' as 0; the sum mod 10.
class CheckDigit {
public:
    /// The digit (0..9), or nothing when text holds a character outside 0-9, A-Z and '<'.
    [[nodiscard]] static std::optional<int> of(std::string_view text);
    /// The digit as its character ('0'..'9'), or nothing like of().
    [[nodiscard]] static std::optional<char> charOf(std::string_view text);
    /// True when check is the character of text's check digit.
    [[nodiscard]] static bool matches(std::string_view text, char check);
};

} // namespace bhxh::chip
