#pragma once
// Checks shared by the fuzz targets: beyond "no crash", what must hold for every input.
#include "common/unicode_text.h"
#include "idcard/card_fields.h"
#include "idcard/card_formatter.h"
#include "idcard/card_parser.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fuzz {

/// A fixed "today", so that a finding reproduces on any day.
inline bhxh::CalendarDate today() { return *bhxh::CalendarDate::make(2025, 6, 1); }

[[noreturn]] inline void fail(const char* what) {
    std::fprintf(stderr, "INVARIANT BROKEN: %s\n", what);
    std::abort();
}

inline void require(bool condition, const char* what) {
    if (!condition) fail(what);
}

inline void checkError(const bhxh::Error& e) {
    const std::string& m = e.message;
    if (e.code == "idcard.invalid_field")
        require(m.rfind("CCCD field ", 0) == 0 || m.rfind("BHYT field ", 0) == 0, "field error names the field");
    else
        require(e.code == "idcard.not_cccd" || e.code == "idcard.not_bhyt", "known error code");
    require(bhxh::text::isValidUtf8(m), "error message is UTF-8");
}

inline void checkCccd(const bhxh::idcard::CccdCard& c) {
    using namespace bhxh;
    require(c.idNumber.size() == 12 && c.centuryGenderDigit() >= 0, "CCCD id is 12 digits");
    require(c.oldIdNumber.empty() || c.oldIdNumber.size() == 9, "old CMND is 9 digits or empty");
    require(!c.fullName.empty() && text::isNfc(c.fullName), "CCCD name non-empty NFC");
    require(text::isValidUtf8(c.address) && text::isNfc(c.address), "CCCD address NFC");
    require(!(c.dateOfBirth > today()), "CCCD birth date not in the future");
}

inline void checkBhyt(const bhxh::idcard::BhytCard& b) {
    using namespace bhxh;
    require(b.bhxhCode().size() == 10, "BHXH code is 10 characters");
    require(b.cardNumber.size() == 10 || b.cardNumber.size() == 15, "card number length");
    require(!b.fullName.empty() && text::isNfc(b.fullName), "BHYT name non-empty NFC");
    require(b.registeredHospitalCode.size() == 5, "hospital code has 5 characters");
    require(!b.dateOfBirth.isAfter(today()), "BHYT birth date not in the future");
    require(b.format == idcard::BhytFormat::New || (b.benefitLevel.empty() && !b.placeOfIssue),
            "old format has no new-format fields");
}

/// Parses with the given parser; for accepted cards, format → parse must give the same record,
/// the same warnings, and formatting again the same text.
template <class ParseFn>
void checkInput(std::string_view input, ParseFn parse) {
    using namespace bhxh::idcard;
    const auto first = parse(input, today());
    const CardKind shape = classifyPayload(input);
    if (!first.ok()) {
        checkError(first.error());
        return;
    }
    const ParsedCard& card = *first;
    require(card.kind == shape, "parse agrees with classifyPayload");
    require(card.rawText == input, "raw text kept");
    (void)cardFields(card);
    if (card.kind == CardKind::Unknown) {
        require(!card.cccd && !card.bhyt && card.warnings.empty(), "unknown carries no record");
        return;
    }
    bhxh::Result<std::string> text = card.cccd ? formatCccd(*card.cccd) : formatBhyt(*card.bhyt);
    require(text.ok(), "an accepted card can be formatted");
    const auto second = parse(*text, today());
    require(second.ok(), "the formatted payload parses");
    require(second->kind == card.kind, "same kind after round trip");
    require(second->warnings == card.warnings, "same warnings after round trip");
    if (card.cccd) {
        checkCccd(*card.cccd);
        require(*second->cccd == *card.cccd, "same CCCD record after round trip");
        require(formatCccd(*second->cccd).value() == *text, "formatting is stable");
    } else {
        checkBhyt(*card.bhyt);
        require(*second->bhyt == *card.bhyt, "same BHYT record after round trip");
        require(formatBhyt(*second->bhyt).value() == *text, "formatting is stable");
    }
}

} // namespace fuzz
