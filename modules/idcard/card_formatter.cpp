#include "idcard/card_formatter.h"

#include "common/unicode_text.h"
#include "idcard/hex_text.h"

#include <utility>
#include <vector>

namespace bhxh::idcard {
namespace {

Error unformattable(std::string_view field, std::string_view reason) {
    return Error{"idcard.unformattable", std::string(field) + ": " + std::string(reason)};
}

// A plain field must survive normalizePayload and the split unchanged.
Result<std::string> plain(std::string_view value, std::string_view field) {
    if (!text::isValidUtf8(value)) return unformattable(field, "not valid UTF-8");
    for (char c : value)
        if (c == '|' || c == '\r' || c == '\n' || c == '\0') return unformattable(field, "holds '|' or a line break");
    if (value.find("\uFF5C") != std::string_view::npos || value.find("\uFEFF") != std::string_view::npos)
        return unformattable(field, "holds a fullwidth bar or a byte-order mark");
    return text::nfc(value);
}

// Hex fields: the parser refuses control characters in the decoded text, so must we.
Result<std::string> hex(std::string_view value, std::string_view field) {
    if (!text::isValidUtf8(value)) return unformattable(field, "not valid UTF-8");
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return unformattable(field, "holds a control character");
    }
    return encodeHex(text::nfc(value));
}

Result<std::string> optionalHex(const std::optional<std::string>& value, std::string_view field) {
    if (!value || value->empty()) return std::string("-");
    return hex(*value, field);
}

std::string optionalDate(const std::optional<CalendarDate>& d) { return d ? d->toSlashed() : std::string("-"); }

} // namespace

Result<std::string> formatCccd(const CccdCard& card) {
    std::vector<std::string> fields;
    for (const auto& [value, name] : {std::pair<const std::string&, const char*>{card.idNumber, "id number"},
                                      {card.oldIdNumber, "old CMND number"},
                                      {card.fullName, "full name"}}) {
        auto p = plain(value, name);
        if (!p) return p.error();
        fields.push_back(std::move(*p));
    }
    fields.push_back(card.dateOfBirth.toCompact());
    fields.emplace_back(genderLabelVi(card.gender));
    auto address = plain(card.address, "address");
    if (!address) return address.error();
    fields.push_back(std::move(*address));
    fields.push_back(card.issueDate.toCompact());
    if (card.layout == CccdLayout::Fields11) {
        for (const std::string& extra : card.extraFields) {
            auto p = plain(extra, "extra field");
            if (!p) return p.error();
            fields.push_back(std::move(*p));
        }
    }
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += '|';
        out += fields[i];
    }
    return out;
}

Result<std::string> formatBhyt(const BhytCard& card) {
    std::vector<std::string> parts;
    auto number = plain(card.cardNumber, "card number");
    if (!number) return number.error();
    parts.push_back(std::move(*number));
    auto name = hex(card.fullName, "full name");
    if (!name) return name.error();
    parts.push_back(std::move(*name));
    parts.push_back(card.dateOfBirth.toSlashed());
    parts.emplace_back(card.gender == Gender::Male ? "1" : "2");
    auto address = optionalHex(card.address, "address");
    if (!address) return address.error();
    parts.push_back(std::move(*address));
    const std::string& h = card.registeredHospitalCode;
    auto hospital = plain(h, "registered hospital");
    if (!hospital) return hospital.error();
    parts.push_back(h.size() == 5 ? h.substr(0, 2) + " - " + h.substr(2) : *hospital);
    parts.push_back(optionalDate(card.validFrom));
    parts.push_back(optionalDate(card.validTo));
    parts.push_back(card.issueDate.toSlashed());
    auto management = plain(card.managementCode, "management code");
    if (!management) return management.error();
    parts.push_back(std::move(*management));
    auto parent = optionalHex(card.parentName, "parent's name");
    if (!parent) return parent.error();
    parts.push_back(std::move(*parent));
    parts.push_back(card.livingAreaCode.empty() ? std::string("-") : card.livingAreaCode);
    parts.push_back(optionalDate(card.fiveYearsDate));
    auto check = plain(card.checkString, "check string");
    if (!check) return check.error();
    parts.push_back(std::move(*check));
    if (card.format == BhytFormat::New) {
        auto level = plain(card.benefitLevel, "benefit level");
        if (!level) return level.error();
        parts.push_back(level->empty() ? std::string("-") : std::move(*level));
        auto place = optionalHex(card.placeOfIssue, "place of issue");
        if (!place) return place.error();
        parts.push_back(std::move(*place));
    }
    if (card.sentinel != '$' && card.sentinel != '#') return unformattable("sentinel", "must be $ or #");
    parts.emplace_back(1, card.sentinel);

    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += '|';
        out += parts[i];
    }
    return out;
}

} // namespace bhxh::idcard
