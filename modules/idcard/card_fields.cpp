#include "idcard/card_fields.h"

namespace bhxh::idcard {
namespace {

std::string iso(const std::optional<CalendarDate>& d) { return d ? d->toIso() : std::string(); }

} // namespace

std::vector<std::pair<std::string, std::string>> cardFields(const ParsedCard& card) {
    std::vector<std::pair<std::string, std::string>> out;
    if (card.kind == CardKind::Cccd && card.cccd) {
        const CccdCard& c = *card.cccd;
        out = {{"id_number", c.idNumber},
               {"old_id_number", c.oldIdNumber},
               {"full_name", c.fullName},
               {"date_of_birth", c.dateOfBirth.toIso()},
               {"gender", std::string(genderLabelVi(c.gender))},
               {"address", c.address},
               {"issue_date", c.issueDate.toIso()},
               {"layout", c.layout == CccdLayout::Fields11 ? "11" : "7"},
               {"province_code", c.provinceCode()},
               {"century_gender_digit", std::to_string(c.centuryGenderDigit())},
               {"birth_year_digits", c.birthYearDigits()}};
        if (c.layout == CccdLayout::Fields11)
            for (std::size_t i = 0; i < c.extraFields.size(); ++i)
                out.emplace_back("extra_" + std::to_string(i + 7), c.extraFields[i]);
    } else if (card.kind == CardKind::Bhyt && card.bhyt) {
        const BhytCard& b = *card.bhyt;
        out = {{"card_number", b.cardNumber},
               {"bhxh_code", b.bhxhCode()},
               {"full_name", b.fullName},
               {"date_of_birth", b.dateOfBirth.toIso()},
               {"gender", std::string(genderLabelVi(b.gender))},
               {"address", b.address.value_or("")},
               {"registered_hospital", b.registeredHospitalCode},
               {"valid_from", iso(b.validFrom)},
               {"valid_to", iso(b.validTo)},
               {"issue_date", b.issueDate.toIso()},
               {"management_code", b.managementCode},
               {"parent_name", b.parentName.value_or("")},
               {"living_area_code", b.livingAreaCode},
               {"five_years_date", iso(b.fiveYearsDate)},
               {"check_string", b.checkString},
               {"format", b.format == BhytFormat::New ? "new" : "old"}};
        if (b.format == BhytFormat::New) {
            out.emplace_back("benefit_level", b.benefitLevel);
            out.emplace_back("place_of_issue", b.placeOfIssue.value_or(""));
        }
    }
    return out;
}

} // namespace bhxh::idcard
