#include "declarations/card_comparison.h"

#include "common/unicode_text.h"

namespace bhxh::declarations {
namespace {

std::string nameKey(const std::string& name) {
    // Upper case keeps the marks; collapsing white space forgives a doubled space.
    std::string upper = text::toUpper(text::nfc(name));
    std::string out;
    bool space = false;
    for (char c : upper) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

FieldCheck check(std::string field, std::string declared, std::string onCard, bool equal) {
    return {std::move(field), std::move(declared), std::move(onCard), equal ? FieldVerdict::Match : FieldVerdict::Mismatch};
}

FieldCheck notOnCard(std::string field, std::string declared) {
    return {std::move(field), std::move(declared), "", FieldVerdict::NotOnCard};
}

std::string genderName(idcard::Gender g) { return g == idcard::Gender::Male ? "male" : "female"; }

FieldCheck addressCheck(const std::string& declared, const std::string& onCard) {
    const std::string a = text::foldForSearch(declared);
    const std::string b = text::foldForSearch(onCard);
    const bool match = !a.empty() && !b.empty() && (a.find(b) != std::string::npos || b.find(a) != std::string::npos);
    return check("address", declared, onCard, match);
}

} // namespace

bool CardComparison::anyMismatch() const {
    for (const auto& f : fields) {
        if (f.verdict == FieldVerdict::Mismatch) return true;
    }
    return false;
}

std::vector<std::string> CardComparison::matchedFields() const {
    std::vector<std::string> out;
    for (const auto& f : fields) {
        if (f.verdict == FieldVerdict::Match) out.push_back(f.field);
    }
    return out;
}

std::string lookupKey(const idcard::ParsedCard& card) {
    if (card.cccd) return card.cccd->idNumber;
    if (card.bhyt) return card.bhyt->bhxhCode();
    return {};
}

CardComparison compareWithCard(const Declaration& d, const idcard::ParsedCard& card) {
    CardComparison out;
    const bool guardianCard = d.guardian &&
                              ((card.cccd && card.cccd->idNumber == d.guardian->idNumber) ||
                               (card.bhyt && card.bhyt->bhxhCode() == d.guardian->bhxhCode));
    out.cardIsGuardian = guardianCard;
    const std::string declaredName = guardianCard ? d.guardian->fullName : d.fullName;
    const std::string declaredId = guardianCard ? d.guardian->idNumber : d.idNumber;
    const std::string declaredBhxh = guardianCard ? d.guardian->bhxhCode : d.bhxhCode;

    if (card.cccd) {
        const auto& c = *card.cccd;
        out.fields.push_back(check("full_name", declaredName, c.fullName, nameKey(declaredName) == nameKey(c.fullName)));
        out.fields.push_back(check("id_number", declaredId, c.idNumber, declaredId == c.idNumber));
        if (guardianCard) return out;  // the guardian's birth date and address are not on the form
        out.fields.push_back(check("date_of_birth", d.dateOfBirth, c.dateOfBirth.toIso(), d.dateOfBirth == c.dateOfBirth.toIso()));
        out.fields.push_back(check("gender", d.gender, genderName(c.gender), d.gender == genderName(c.gender)));
        out.fields.push_back(addressCheck(d.address.text, c.address));
        out.fields.push_back(notOnCard("bhxh_code", d.bhxhCode));
        return out;
    }
    if (card.bhyt) {
        const auto& b = *card.bhyt;
        out.fields.push_back(check("full_name", declaredName, b.fullName, nameKey(declaredName) == nameKey(b.fullName)));
        out.fields.push_back(check("bhxh_code", declaredBhxh, b.bhxhCode(), declaredBhxh == b.bhxhCode()));
        if (guardianCard) return out;
        out.fields.push_back(check("date_of_birth", d.dateOfBirth, b.dateOfBirth.toIso(), d.dateOfBirth == b.dateOfBirth.toIso()));
        out.fields.push_back(check("gender", d.gender, genderName(b.gender), d.gender == genderName(b.gender)));
        if (b.address) {
            out.fields.push_back(addressCheck(d.address.text, *b.address));
        } else {
            out.fields.push_back(notOnCard("address", d.address.text));
        }
        out.fields.push_back(notOnCard("id_number", d.idNumber));
        return out;
    }
    const std::pair<const char*, const std::string*> rows[] = {
        {"full_name", &d.fullName}, {"id_number", &d.idNumber},   {"bhxh_code", &d.bhxhCode},
        {"date_of_birth", &d.dateOfBirth}, {"gender", &d.gender}, {"address", &d.address.text}};
    for (const auto& [field, value] : rows) out.fields.push_back(notOnCard(field, *value));
    return out;
}

} // namespace bhxh::declarations
