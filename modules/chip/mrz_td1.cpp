#include "chip/mrz_td1.h"

#include "chip/ber_tlv.h"
#include "chip/check_digit.h"

namespace bhxh::chip {
namespace {

Error mrzError(const std::string& message) { return makeError("chip.bad_mrz", message); }

std::string stripFillers(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0 && s[end - 1] == '<') --end;
    return std::string(s.substr(0, end));
}

std::string fillersToSpaces(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '<') {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

} // namespace

Result<MrzTd1> MrzTd1Parser::parse(std::string_view text) {
    if (text.size() > 512) return mrzError("MRZ text longer than 512 characters");
    std::string chars;
    for (char c : text) {
        if (c == '\r' || c == '\n' || c == ' ' || c == '\t') continue;
        chars.push_back(c);
    }
    if (chars.size() != 90)
        return mrzError("a TD1 MRZ has 90 characters (3 lines of 30); got " + std::to_string(chars.size()));
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const char c = chars[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<'))
            return mrzError("MRZ character " + std::to_string(i + 1) + " is not 0-9, A-Z or '<'");
    }
    const std::string_view l1(chars.data(), 30), l2(chars.data() + 30, 30), l3(chars.data() + 60, 30);
    MrzTd1 m;
    m.documentCode = stripFillers(l1.substr(0, 2));
    m.issuingState = stripFillers(l1.substr(2, 3));
    m.documentNumber = stripFillers(l1.substr(5, 9));
    m.optionalData1 = stripFillers(l1.substr(15, 15));
    m.documentNumberCheckOk = CheckDigit::matches(l1.substr(5, 9), l1[14]);
    m.birthDate = std::string(l2.substr(0, 6));
    m.birthDateCheckOk = CheckDigit::matches(l2.substr(0, 6), l2[6]);
    m.sex = l2[7];
    m.expiryDate = std::string(l2.substr(8, 6));
    m.expiryDateCheckOk = CheckDigit::matches(l2.substr(8, 6), l2[14]);
    m.nationality = stripFillers(l2.substr(15, 3));
    m.optionalData2 = stripFillers(l2.substr(18, 11));
    std::string composite(l1.substr(5, 25));
    composite += l2.substr(0, 7);
    composite += l2.substr(8, 7);
    composite += l2.substr(18, 11);
    m.compositeCheckOk = CheckDigit::matches(composite, l2[29]);
    const std::size_t split = l3.find("<<");
    if (split == std::string_view::npos) {
        m.primaryName = fillersToSpaces(l3);
    } else {
        m.primaryName = fillersToSpaces(l3.substr(0, split));
        m.secondaryName = fillersToSpaces(l3.substr(split + 2));
    }
    return m;
}

Result<MrzTd1> MrzTd1Parser::parseDg1(ByteView dg1) {
    auto outer = BerTlv::readOne(dg1);
    if (!outer) return outer.error();
    if (outer->tag != 0x61) return mrzError("DG1 does not start with tag 61");
    auto mrz = BerTlv::find(outer->value, 0x5F1F);
    if (!mrz) return mrzError("DG1 holds no MRZ (tag 5F1F)");
    return parse(std::string_view(reinterpret_cast<const char*>(mrz->value.data()), mrz->value.size()));
}

} // namespace bhxh::chip
