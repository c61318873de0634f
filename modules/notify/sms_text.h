#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

/// SMS length rules for unaccented text in the GSM 03.38 7-bit alphabet: 160 septets in a
/// single message, 153 per part once concatenated; ^ { } [ ] ~ | \ take two septets (escape).
namespace bhxh::notify::sms {

inline constexpr std::size_t kSinglePartSeptets = 160;
inline constexpr std::size_t kMultiPartSeptets = 153;

/// Septets the text needs, or nullopt when a character is outside the GSM-7 alphabet
/// (the gateway would switch to UCS-2 and halve the length).
[[nodiscard]] std::optional<std::size_t> septets(std::string_view text);
/// Parts the text needs (1 for an empty text), or nullopt when it is not GSM-7.
[[nodiscard]] std::optional<std::size_t> parts(std::string_view text);
/// stripDiacritics, then typographic quotes/dashes/ellipsis to ASCII and other non-GSM
/// characters to '?': what we hand to the gateway with IsUnicode = 0.
[[nodiscard]] std::string toGsmText(std::string_view utf8);

} // namespace bhxh::notify::sms
