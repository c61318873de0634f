#include "idcard/bhyt_card.h"

namespace bhxh::idcard {

std::string BhytCard::bhxhCode() const {
    return cardNumber.size() >= 10 ? cardNumber.substr(cardNumber.size() - 10) : cardNumber;
}

std::string BhytCard::beneficiaryGroup() const { return hasLongCardNumber() ? cardNumber.substr(0, 2) : std::string(); }

int BhytCard::cardBenefitLevel() const {
    if (!hasLongCardNumber() || cardNumber[2] < '0' || cardNumber[2] > '9') return -1;
    return cardNumber[2] - '0';
}

std::string BhytCard::cardProvinceCode() const { return hasLongCardNumber() ? cardNumber.substr(3, 2) : std::string(); }

} // namespace bhxh::idcard
