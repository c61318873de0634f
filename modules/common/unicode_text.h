#pragma once
#include <string>
#include <string_view>

/// Unicode helpers for Vietnamese text, on UTF-8 strings. Invalid UTF-8 in the input comes out
/// as U+FFFD; callers that must reject it check isValidUtf8() first.
namespace bhxh::text {

/// Canonical composition. Decomposed Vietnamese ("e" + U+0302 + U+0301) renders as "?" in the
/// UI font, so everything shown or compared is NFC.
[[nodiscard]] std::string nfc(std::string_view utf8);
/// Compatibility composition: fullwidth digits and separators become ASCII ("１２" → "12").
[[nodiscard]] std::string nfkc(std::string_view utf8);
[[nodiscard]] bool isNfc(std::string_view utf8);
[[nodiscard]] bool isValidUtf8(std::string_view bytes);
/// Drops the diacritics and maps đ/Đ to d/D: "Nguyễn Thành Biên" → "Nguyen Thanh Bien".
/// What an unaccented SMS carries.
[[nodiscard]] std::string stripDiacritics(std::string_view utf8);
/// stripDiacritics + lower case + runs of white space folded to one space, trimmed:
/// the key for search without diacritics and for comparing names case-insensitively.
[[nodiscard]] std::string foldForSearch(std::string_view utf8);
/// Upper case with Vietnamese rules (ICU, locale vi).
[[nodiscard]] std::string toUpper(std::string_view utf8);
/// True when the text carries at least one Vietnamese diacritic (tone or vowel mark, or đ).
[[nodiscard]] bool hasDiacritics(std::string_view utf8);
/// A name shown where others may read it: the initial of every word but the last, which stays
/// whole ("Nguyễn Thành Biên" → "N. T. Biên"); NFC; control characters dropped.
[[nodiscard]] std::string maskedName(std::string_view utf8);
/// Code points in the text (not bytes).
[[nodiscard]] std::size_t codePointCount(std::string_view utf8);
/// The text made safe to print on a terminal: C0 controls (ESC, CR, BEL, …), DEL and the C1
/// controls U+0080…U+009F become \xNN / \u00NN, a backslash becomes \\; text that is not
/// valid UTF-8 has every byte from 0x80 written as \xNN. Anything else passes unchanged.
[[nodiscard]] std::string escapeForTerminal(std::string_view utf8);

} // namespace bhxh::text
