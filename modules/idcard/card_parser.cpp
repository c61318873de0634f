#include "idcard/card_parser.h"

#include "idcard/payload_fields.h"

namespace bhxh::idcard {
namespace {

using detail::splitFields;
using detail::structural;

bool isSentinel(const std::string& part) {
    const std::string s = structural(part);
    return s == "$" || s == "#";
}

CardKind classifyFields(const std::vector<std::string>& parts) {
    const std::size_t n = parts.size();
    if ((n == 15 || n == 17) && isSentinel(parts.back())) return CardKind::Bhyt;
    if (n == 7 || n == 11) {
        const std::string id = structural(parts[0]);
        if (id.size() == 12 && detail::isAsciiDigits(id)) return CardKind::Cccd;
    }
    return CardKind::Unknown;
}

// restrictTo: Unknown = any kind; otherwise other shapes are refused with notCode.
Result<ParsedCard> parse(std::string_view raw, const CalendarDate& today, CardKind restrictTo) {
    ParsedCard card;
    card.rawText = std::string(raw);
    card.normalizedText = normalizePayload(raw);
    const std::vector<std::string> parts = splitFields(card.normalizedText);
    const CardKind kind = classifyFields(parts);
    if (restrictTo != CardKind::Unknown && kind != restrictTo) {
        if (restrictTo == CardKind::Cccd)
            return makeError("idcard.not_cccd", "not a CCCD payload (7 or 11 fields, field 0 of 12 digits)");
        return makeError("idcard.not_bhyt", "not a BHYT payload (15 or 17 parts ending with the $ sentinel)");
    }
    card.kind = kind;
    Result<void> fields;
    if (kind == CardKind::Cccd) fields = detail::parseCccdFields(parts, today, card);
    else if (kind == CardKind::Bhyt) fields = detail::parseBhytFields(parts, today, card);
    if (!fields) return fields.error();
    return card;
}

// One pass of normalizePayload.
std::string normalizeOnce(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\r' || c == '\n' || c == '\0') continue;
        if (c == '\xEF' && i + 2 < raw.size()) {
            if (raw[i + 1] == '\xBB' && raw[i + 2] == '\xBF') { // U+FEFF byte-order mark
                i += 2;
                continue;
            }
            if (raw[i + 1] == '\xBD' && raw[i + 2] == '\x9C') { // U+FF5C fullwidth vertical line
                out.push_back('|');
                i += 2;
                continue;
            }
            // U+FF10..U+FF19 fullwidth digits, also inside text fields (the address's house
            // number): the NFKC mapping, applied to digits only so the rest of the text keeps NFC.
            const auto third = static_cast<unsigned char>(raw[i + 2]);
            if (raw[i + 1] == '\xBC' && third >= 0x90 && third <= 0x99) {
                out.push_back(static_cast<char>('0' + (third - 0x90)));
                i += 2;
                continue;
            }
        }
        out.push_back(c);
    }
    return out;
}

} // namespace

std::string_view cardKindName(CardKind kind) {
    switch (kind) {
    case CardKind::Cccd: return "cccd";
    case CardKind::Bhyt: return "bhyt";
    case CardKind::Unknown: break;
    }
    return "unknown";
}

std::string normalizePayload(std::string_view raw) {
    // Until nothing changes: dropping a NUL or a BOM can join bytes into a new BOM or fullwidth
    // character ("EF BB 00 BF"). Each changing pass is shorter, so this ends.
    std::string out = normalizeOnce(raw);
    for (std::string next = normalizeOnce(out); next != out; next = normalizeOnce(out)) out = std::move(next);
    return out;
}

CardKind classifyPayload(std::string_view raw) { return classifyFields(splitFields(normalizePayload(raw))); }

Result<ParsedCard> parseCard(std::string_view raw, const CalendarDate& today) {
    return parse(raw, today, CardKind::Unknown);
}

Result<ParsedCard> parseCccd(std::string_view raw, const CalendarDate& today) { return parse(raw, today, CardKind::Cccd); }

Result<ParsedCard> parseBhyt(std::string_view raw, const CalendarDate& today) { return parse(raw, today, CardKind::Bhyt); }

} // namespace bhxh::idcard
