#include "common/unicode_text.h"
#include "idcard/payload_fields.h"

namespace bhxh::idcard::detail {
namespace {

constexpr CardKind kKind = CardKind::Cccd;

// Plain text field: must be UTF-8; NFC (decomposed Vietnamese renders badly), trimmed.
Result<std::string> textField(const std::string& raw, int index, std::string_view name) {
    if (!text::isValidUtf8(raw)) return fieldError(kKind, index, name, "not valid UTF-8");
    return std::string(trim(text::nfc(raw)));
}

Result<CalendarDate> dateField(const std::string& raw, int index, std::string_view name) {
    const std::string s = structural(raw);
    if (s.size() != 8 || !isAsciiDigits(s))
        return fieldError(kKind, index, name, quoteForError(s) + " is not a date of the form ddMMyyyy");
    auto date = CalendarDate::parseCompact(s);
    if (!date) {
        const std::string shown = s.substr(0, 2) + "/" + s.substr(2, 2) + "/" + s.substr(4);
        return fieldError(kKind, index, name, shown + " is not a calendar date");
    }
    return *date;
}

void crossCheck(const CccdCard& c, std::vector<CardWarning>& warnings) {
    const int digit = c.centuryGenderDigit();
    if (digit < 0) return;
    const std::string digitText = std::to_string(digit);
    const std::string year = std::to_string(c.dateOfBirth.year());
    const bool digitSaysFemale = digit % 2 == 1;
    if (digitSaysFemale != (c.gender == Gender::Female))
        warnings.push_back({CardWarningCode::CccdGenderDigit,
                            {{"digit", digitText}, {"gender", std::string(genderLabelVi(c.gender))}}});
    const int centuryStart = 1900 + 100 * (digit / 2);
    if (c.dateOfBirth.year() / 100 * 100 != centuryStart)
        warnings.push_back({CardWarningCode::CccdCenturyDigit, {{"digit", digitText}, {"birth_year", year}}});
    const std::string yy = c.birthYearDigits();
    if (toInt(yy) != c.dateOfBirth.year() % 100)
        warnings.push_back({CardWarningCode::CccdBirthYearDigits, {{"digits", yy}, {"birth_year", year}}});
}

} // namespace

Result<void> parseCccdFields(const std::vector<std::string>& f, const CalendarDate& today, ParsedCard& card) {
    CccdCard c;
    c.layout = f.size() == 11 ? CccdLayout::Fields11 : CccdLayout::Fields7;
    c.idNumber = structural(f[0]); // the classifier checked the 12 digits

    c.oldIdNumber = structural(f[1]);
    if (!c.oldIdNumber.empty() && (c.oldIdNumber.size() != 9 || !isAsciiDigits(c.oldIdNumber)))
        return fieldError(kKind, 1, "old CMND number", "expected 9 digits or empty");

    auto name = textField(f[2], 2, "full name");
    if (!name) return name.error();
    if (name->empty()) return fieldError(kKind, 2, "full name", "empty");
    c.fullName = std::move(*name);

    auto dob = dateField(f[3], 3, "date of birth");
    if (!dob) return dob.error();
    if (*dob > today) return fieldError(kKind, 3, "date of birth", dob->toSlashed() + " lies in the future");
    c.dateOfBirth = *dob;

    auto gender = textField(f[4], 4, "gender");
    if (!gender) return gender.error();
    const std::string folded = text::foldForSearch(*gender);
    if (folded == "nam") c.gender = Gender::Male;
    else if (folded == "nu") c.gender = Gender::Female;
    else return fieldError(kKind, 4, "gender", "expected Nam or Nữ, got " + quoteForError(*gender));

    auto address = textField(f[5], 5, "address");
    if (!address) return address.error();
    c.address = std::move(*address);

    auto issued = dateField(f[6], 6, "issue date");
    if (!issued) return issued.error();
    c.issueDate = *issued;

    // Fields 7..10: meaning unconfirmed, so kept as they came (only NFC, like all text).
    for (std::size_t i = 7; i < f.size(); ++i) {
        if (!text::isValidUtf8(f[i]))
            return fieldError(kKind, static_cast<int>(i), "unassigned field", "not valid UTF-8");
        c.extraFields[i - 7] = text::nfc(f[i]);
    }

    crossCheck(c, card.warnings);
    card.cccd = std::move(c);
    return {};
}

} // namespace bhxh::idcard::detail
