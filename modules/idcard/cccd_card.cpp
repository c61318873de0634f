#include "idcard/cccd_card.h"

namespace bhxh::idcard {
namespace {

bool wellFormed(const std::string& id) {
    if (id.size() != 12) return false;
    for (char c : id)
        if (c < '0' || c > '9') return false;
    return true;
}

} // namespace

std::string CccdCard::provinceCode() const { return wellFormed(idNumber) ? idNumber.substr(0, 3) : std::string(); }

int CccdCard::centuryGenderDigit() const { return wellFormed(idNumber) ? idNumber[3] - '0' : -1; }

std::string CccdCard::birthYearDigits() const { return wellFormed(idNumber) ? idNumber.substr(4, 2) : std::string(); }

} // namespace bhxh::idcard
