#include "idcard/payload_fields.h"

#include "common/unicode_text.h"

namespace bhxh::idcard::detail {

std::vector<std::string> splitFields(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t bar = text.find('|', start);
        if (bar == std::string_view::npos) {
            out.emplace_back(text.substr(start));
            return out;
        }
        out.emplace_back(text.substr(start, bar - start));
        start = bar + 1;
    }
}

std::string_view trim(std::string_view s) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

std::string structural(std::string_view field) {
    // Trim before and after: NFKC turns an ideographic space (U+3000) into a plain one.
    return std::string(trim(text::nfkc(trim(field))));
}

bool isAsciiDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int toInt(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::string quoteForError(std::string_view value) {
    bool printable = value.size() <= 12;
    for (char c : value)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) printable = false;
    if (printable) return "\"" + std::string(value) + "\"";
    return "a value of " + std::to_string(value.size()) + " bytes";
}

Error fieldError(CardKind kind, int index, std::string_view name, std::string_view reason) {
    std::string message = kind == CardKind::Cccd ? "CCCD" : "BHYT";
    message += " field " + std::to_string(index) + " (" + std::string(name) + "): " + std::string(reason);
    return Error{"idcard.invalid_field", std::move(message)};
}

} // namespace bhxh::idcard::detail
