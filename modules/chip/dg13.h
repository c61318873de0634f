#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <map>
#include <string>

namespace bhxh::chip {

/// The Vietnamese data group DG13 of a CCCD chip: the card's printed fields, as UTF-8 (NFC)
/// text exactly as the chip holds them (dates stay "dd/mm/yyyy" text). See docs/card-formats.md.
struct Dg13 {
    std::string idNumber;         ///< entry 1
    std::string fullName;         ///< entry 2
    std::string birthDate;        ///< entry 3
    std::string gender;           ///< entry 4 ("Nam" / "Nữ")
    std::string nationality;      ///< entry 5
    std::string ethnicity;        ///< entry 6
    std::string religion;         ///< entry 7
    std::string placeOfOrigin;    ///< entry 8
    std::string residence;        ///< entry 9
    std::string identifyingMarks; ///< entry 10
    std::string issueDate;        ///< entry 11
    std::string expiryDate;       ///< entry 12
    std::string fatherName;       ///< entry 13, first name
    std::string motherName;       ///< entry 13, second name
    std::string oldIdNumber;      ///< entry 16
    /// Entries this reader does not name (14, 15, 17, …), number → text (several joined by "; ").
    std::map<int, std::string> other;
};

/// Reads DG13: tag 6D holding, at any nesting up to 4 levels, entries SEQUENCE { INTEGER n,
/// string… } where a string is UTF8String (0C), PrintableString (13), IA5String (16) or a
/// SEQUENCE of those (entry 13: father, mother).
class Dg13Parser {
public:
    static constexpr int kMaxDepth = 4;
    static constexpr std::size_t kMaxTextBytes = 1024;
    [[nodiscard]] static Result<Dg13> parse(ByteView dg13);
};

} // namespace bhxh::chip
