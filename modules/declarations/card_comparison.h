#pragma once
#include "declarations/declaration.h"
#include "idcard/parsed_card.h"

#include <string>
#include <vector>

namespace bhxh::declarations {

/// How one field of the declaration compares with the scanned card.
enum class FieldVerdict { Match, Mismatch, NotOnCard };

/// One row of the desk's side-by-side table. `field` is the portal-api name ("full_name",
/// "date_of_birth", "id_number", "bhxh_code", "gender", "address"); values are display text.
struct FieldCheck {
    std::string field;
    std::string declared;
    std::string onCard;
    FieldVerdict verdict = FieldVerdict::NotOnCard;
};

/// The declaration beside one scanned card.
struct CardComparison {
    /// The card is the guardian's (a minor's declaration opened with a parent's card): the
    /// rows compare the guardian's name and ID number, not the child's.
    bool cardIsGuardian = false;
    std::vector<FieldCheck> fields;
    [[nodiscard]] bool anyMismatch() const;
    /// The fields that matched, for the decision's checks.fields_matched.
    [[nodiscard]] std::vector<std::string> matchedFields() const;
};

/// Compares a declaration with a parsed CCCD or BHYT card. Names compare without regard to case
/// or Unicode normalisation (but with their diacritics: "Nguyen" is not "Nguyễn"); addresses
/// compare folded (no diacritics, case or spacing) and match when one contains the other, since
/// cards print shorter forms. An Unknown card gives only NotOnCard rows.
[[nodiscard]] CardComparison compareWithCard(const Declaration& declaration, const idcard::ParsedCard& card);

/// The number a scanned card is looked up by: the CCCD's ID number or the BHYT's BHXH code;
/// empty for an Unknown card.
[[nodiscard]] std::string lookupKey(const idcard::ParsedCard& card);

} // namespace bhxh::declarations
