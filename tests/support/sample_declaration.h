#pragma once
// A fictional citizen's pending registration, complete enough for the store, the rules and the
// desk: the tests that need one declaration start from it and change what they test.
#include "declarations/decision_policy.h"
#include "declarations/declaration.h"

#include <cstdint>
#include <string>

namespace bhxh::test {

inline declarations::Declaration pendingDeclaration(const std::string& dossierNo, std::int64_t version = 3) {
    declarations::Declaration d;
    d.dossierNo = dossierNo;
    d.status = bhxh::declarations::DeclarationStatus::Pending;
    d.officeCode = "07916";
    d.submittedAt = "2026-11-20T09:12:00+07:00";
    d.expiresAt = "2026-11-30T09:12:00+07:00";
    d.channel = "vssid";
    d.fullName = "Nguyễn Thành Biên";
    d.bhxhCode = "0113098765";
    d.idNumber = "001099012345";
    d.dateOfBirth = "1984-08-05";
    d.gender = "male";
    d.contactPerson = d.fullName;
    d.phone = "0983847986";
    d.updatedAt = d.submittedAt;
    d.version = version;
    return d;
}

/// What the desk's checks found on a dossier where everything matches: a CCCD whose fields all
/// match, every rule passed, the lease held, the portrait and the ID photo the same person, an
/// officer past the first-decisions rule.
inline declarations::DecisionFacts clearFacts() {
    declarations::DecisionFacts f;
    declarations::CardComparison c;
    for (const char* field : {"full_name", "id_number", "date_of_birth", "gender", "address"}) {
        c.fields.push_back({field, "x", "x", declarations::FieldVerdict::Match});
    }
    c.fields.push_back({"bhxh_code", "x", "", declarations::FieldVerdict::NotOnCard});
    f.comparison = c;
    for (const char* rule : {"name_diacritics", "bhxh_code_format", "phone_unique", "deadline"}) {
        f.rules.push_back({rule, true, true, "", {}});
    }
    f.lease = declarations::LeaseState::Held;
    f.portraitIdcard = declarations::FaceSignal::Same;
    f.officerDecisions = 500;
    return f;
}

} // namespace bhxh::test
