#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <string>
#include <string_view>

namespace bhxh::chip {

/// A TD1 machine-readable zone (ICAO 9303-5: 3 lines of 30 characters), as DG1 holds it or as
/// printed on the back of the card. Fields are the raw MRZ characters ('<' is the filler);
/// the check digits are verified, each one reported on its own.
struct MrzTd1 {
    std::string documentCode;     ///< line 1, 1–2: "ID", "IC", …
    std::string issuingState;     ///< line 1, 3–5: "VNM"
    std::string documentNumber;   ///< line 1, 6–14 (fillers removed)
    std::string optionalData1;    ///< line 1, 16–30 (fillers removed): the CCCD's 12-digit ID
    std::string birthDate;        ///< line 2, 1–6: YYMMDD
    char sex = '<';               ///< line 2, 8: 'M', 'F' or '<'
    std::string expiryDate;       ///< line 2, 9–14: YYMMDD
    std::string nationality;      ///< line 2, 16–18
    std::string optionalData2;    ///< line 2, 19–29 (fillers removed)
    std::string primaryName;      ///< line 3, before "<<", fillers as spaces
    std::string secondaryName;    ///< line 3, after "<<", fillers as spaces
    bool documentNumberCheckOk = false;
    bool birthDateCheckOk = false;
    bool expiryDateCheckOk = false;
    bool compositeCheckOk = false;

    /// Every check digit is right.
    [[nodiscard]] bool checksOk() const {
        return documentNumberCheckOk && birthDateCheckOk && expiryDateCheckOk && compositeCheckOk;
    }
};

/// Reads TD1 MRZ text and DG1.
class MrzTd1Parser {
public:
    /// 90 MRZ characters, or 3 lines of 30 separated by line ends (CR/LF), surrounding white
    /// space ignored; lower-case letters are refused (the MRZ is upper-case).
    [[nodiscard]] static Result<MrzTd1> parse(std::string_view text);
    /// DG1's bytes: tag 61 holding 5F1F with the 90 MRZ characters.
    [[nodiscard]] static Result<MrzTd1> parseDg1(ByteView dg1);
};

} // namespace bhxh::chip
