#include "common/unicode_text.h"
#include "idcard/hex_text.h"
#include "idcard/payload_fields.h"

namespace bhxh::idcard::detail {
namespace {

constexpr CardKind kKind = CardKind::Bhyt;

bool isDash(std::string_view s) { return s.empty() || s == "-"; }

Result<std::string> cardNumberField(const std::string& raw) {
    std::string s = structural(raw);
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (s.size() == 10 && isAsciiDigits(s)) return s;
    const auto isUpper = [](char c) { return c >= 'A' && c <= 'Z'; };
    if (s.size() == 15 && isUpper(s[0]) && isUpper(s[1]) && s[2] >= '1' && s[2] <= '5' &&
        isAsciiDigits(std::string_view(s).substr(3)))
        return s;
    // The value is not echoed: it may be most of a BHXH code.
    return fieldError(kKind, 0, "card number",
                      "expected 10 digits or 15 characters (2 letters, level 1-5, 12 digits), got " +
                          std::to_string(s.size()) + " characters");
}

// Hex UTF-8 text, decoded strictly, NFC, trimmed. Empty optional for "-" when allowed.
Result<std::optional<std::string>> hexField(const std::string& raw, int index, std::string_view name, bool dashAllowed) {
    const std::string s = structural(raw);
    if (dashAllowed && isDash(s)) return std::optional<std::string>();
    auto decoded = decodeHexUtf8(s);
    if (!decoded) return fieldError(kKind, index, name, "not hex-encoded UTF-8: " + decoded.error().message);
    std::string value(trim(text::nfc(*decoded)));
    if (value.empty()) {
        if (!dashAllowed) return fieldError(kKind, index, name, "empty");
        return std::optional<std::string>();
    }
    return std::optional<std::string>(std::move(value));
}

Result<CalendarDate> requiredDate(const std::string& s, int index, std::string_view name) {
    if (s.size() != 10 || s[2] != '/' || s[5] != '/')
        return fieldError(kKind, index, name, quoteForError(s) + " is not a date of the form dd/MM/yyyy");
    auto date = CalendarDate::parseSlashed(s);
    if (!date) return fieldError(kKind, index, name, s + " is not a calendar date");
    return *date;
}

Result<std::optional<CalendarDate>> optionalDate(const std::string& raw, int index, std::string_view name) {
    const std::string s = structural(raw); // field 12 may carry a leading space
    if (isDash(s)) return std::optional<CalendarDate>();
    auto date = requiredDate(s, index, name);
    if (!date) return date.error();
    return std::optional<CalendarDate>(*date);
}

Result<BirthDate> birthField(const std::string& raw, const CalendarDate& today) {
    const std::string s = structural(raw);
    std::optional<BirthDate> birth;
    if (s.size() == 4 && isAsciiDigits(s)) {
        birth = BirthDate::yearOnly(toInt(s));
        if (!birth) return fieldError(kKind, 2, "date of birth", s + " is not a year");
    } else {
        auto date = requiredDate(s, 2, "date of birth");
        if (!date) {
            if (s.size() != 10) return fieldError(kKind, 2, "date of birth", quoteForError(s) +
                                                  " is not a date of the form dd/MM/yyyy or yyyy");
            return date.error();
        }
        birth = BirthDate(*date);
    }
    if (birth->isAfter(today)) return fieldError(kKind, 2, "date of birth", s + " lies in the future");
    return *birth;
}

bool checkStringShape(std::string_view s) {
    const std::size_t dash = s.find('-');
    if (dash != 15 && dash != 16) return false;
    for (std::size_t i = 0; i < dash; ++i)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
    const std::string_view tail = s.substr(dash + 1);
    return tail.size() == 4 && isAsciiDigits(tail);
}

void crossCheck(const BhytCard& b, const CalendarDate& today, std::vector<CardWarning>& warnings) {
    if (b.validTo && *b.validTo < today)
        warnings.push_back({CardWarningCode::BhytExpired,
                            {{"valid_to", b.validTo->toSlashed()}, {"today", today.toSlashed()}}});
    if (b.validFrom && *b.validFrom > today)
        warnings.push_back({CardWarningCode::BhytNotYetValid,
                            {{"valid_from", b.validFrom->toSlashed()}, {"today", today.toSlashed()}}});
    if (!checkStringShape(b.checkString)) warnings.push_back({CardWarningCode::BhytCheckStringShape, {}});
}

} // namespace

Result<void> parseBhytFields(const std::vector<std::string>& p, const CalendarDate& today, ParsedCard& card) {
    BhytCard b;
    b.format = p.size() == 17 ? BhytFormat::New : BhytFormat::Old;
    b.sentinel = structural(p.back()).front(); // the classifier checked "$" or "#"

    auto number = cardNumberField(p[0]);
    if (!number) return number.error();
    b.cardNumber = std::move(*number);

    auto name = hexField(p[1], 1, "full name", false);
    if (!name) return name.error();
    b.fullName = std::move(**name);

    auto birth = birthField(p[2], today);
    if (!birth) return birth.error();
    b.dateOfBirth = *birth;

    const std::string gender = structural(p[3]);
    if (gender == "1") b.gender = Gender::Male;
    else if (gender == "2") b.gender = Gender::Female;
    else return fieldError(kKind, 3, "gender", "expected 1 (Nam) or 2 (Nữ), got " + quoteForError(gender));

    auto address = hexField(p[4], 4, "address", true);
    if (!address) return address.error();
    b.address = std::move(*address);

    std::string hospital;
    for (char c : structural(p[5]))
        if (c != ' ' && c != '-' && c != '\t') hospital.push_back(c);
    for (std::size_t pos; (pos = hospital.find("\u2013")) != std::string::npos;) hospital.erase(pos, 3); // en dash
    bool hospitalOk = hospital.size() == 5;
    for (char& c : hospital) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) hospitalOk = false;
    }
    if (!hospitalOk)
        return fieldError(kKind, 5, "registered hospital",
                          quoteForError(structural(p[5])) + " does not give a 5-character code like 79 - 001");
    b.registeredHospitalCode = std::move(hospital);

    auto from = optionalDate(p[6], 6, "valid from");
    if (!from) return from.error();
    b.validFrom = *from;
    auto to = optionalDate(p[7], 7, "valid to");
    if (!to) return to.error();
    b.validTo = *to;

    auto issued = requiredDate(structural(p[8]), 8, "issue date");
    if (!issued) return issued.error();
    b.issueDate = *issued;

    b.managementCode = structural(p[9]);
    if (!isAsciiDigits(b.managementCode)) return fieldError(kKind, 9, "management code", "expected digits");

    auto parent = hexField(p[10], 10, "parent's name", true);
    if (!parent) return parent.error();
    b.parentName = std::move(*parent);

    const std::string area = structural(p[11]);
    if (!isDash(area) && !(area.size() == 1 && isAsciiDigits(area)))
        return fieldError(kKind, 11, "living-area code", "expected one digit, got " + quoteForError(area));
    b.livingAreaCode = isDash(area) ? std::string() : area;

    auto fiveYears = optionalDate(p[12], 12, "date of 5 continuous years");
    if (!fiveYears) return fiveYears.error();
    b.fiveYearsDate = *fiveYears;

    b.checkString = structural(p[13]);
    if (!text::isValidUtf8(b.checkString)) return fieldError(kKind, 13, "check string", "not valid UTF-8");

    if (b.format == BhytFormat::New) {
        const std::string level = structural(p[14]);
        if (!text::isValidUtf8(level)) return fieldError(kKind, 14, "benefit level", "not valid UTF-8");
        b.benefitLevel = isDash(level) ? std::string() : level;
        auto place = hexField(p[15], 15, "place of issue", true);
        if (!place) return place.error();
        b.placeOfIssue = std::move(*place);
    }

    crossCheck(b, today, card.warnings);
    card.bhyt = std::move(b);
    return {};
}

} // namespace bhxh::idcard::detail
