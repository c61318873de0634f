#include "notify/sms_text.h"

#include "common/unicode_text.h"

#include <array>

namespace bhxh::notify::sms {
namespace {

constexpr std::string_view kExtension = "^{}[]~|\\";

// Septets of one ASCII character, 0 when it is not in the GSM-7 alphabet.
std::size_t charSeptets(unsigned char c) {
    if (c == '\n' || c == '\r') return 1;
    if (c < 0x20 || c >= 0x7f || c == '`') return 0;
    return kExtension.find(static_cast<char>(c)) != std::string_view::npos ? 2 : 1;
}

} // namespace

std::optional<std::size_t> septets(std::string_view text) {
    std::size_t total = 0;
    for (unsigned char c : text) {
        const std::size_t n = charSeptets(c);
        if (n == 0) return std::nullopt;
        total += n;
    }
    return total;
}

std::optional<std::size_t> parts(std::string_view text) {
    const auto total = septets(text);
    if (!total) return std::nullopt;
    if (*total <= kSinglePartSeptets) return 1;
    // Concatenated: an escape pair is never split across two parts.
    std::size_t count = 1;
    std::size_t used = 0;
    for (unsigned char c : text) {
        const std::size_t n = charSeptets(c);
        if (used + n > kMultiPartSeptets) {
            ++count;
            used = 0;
        }
        used += n;
    }
    return count;
}

std::string toGsmText(std::string_view utf8) {
    struct Mapping { std::string_view from; std::string_view to; };
    static constexpr std::array<Mapping, 9> kTypography{{
        {"\u2018", "'"}, {"\u2019", "'"}, {"\u201C", "\""}, {"\u201D", "\""}, {"\u2013", "-"},
        {"\u2014", "-"}, {"\u2026", "..."}, {"\u00A0", " "}, {"\u2022", "-"},
    }};
    std::string in = text::stripDiacritics(utf8);
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        bool mapped = false;
        for (const auto& m : kTypography) {
            if (in.compare(i, m.from.size(), m.from) == 0) {
                out += m.to;
                i += m.from.size();
                mapped = true;
                break;
            }
        }
        if (mapped) continue;
        const auto c = static_cast<unsigned char>(in[i]);
        if (c < 0x80) {
            out += charSeptets(c) ? static_cast<char>(c) : (c == '\t' ? ' ' : '?');
            ++i;
            continue;
        }
        // Skip the whole UTF-8 sequence of a character GSM-7 cannot carry.
        std::size_t len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
        out += '?';
        i += len;
    }
    return out;
}

} // namespace bhxh::notify::sms
