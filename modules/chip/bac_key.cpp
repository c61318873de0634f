#include "chip/bac_key.h"

#include "chip/check_digit.h"
#include "chip/sha1.h"

#include <bit>

namespace bhxh::chip {
namespace {

Error keyError(const std::string& message) { return makeError("chip.bad_bac_input", message); }

bool isDate(const std::string& s) {
    if (s.size() != 6) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    const int month = (s[2] - '0') * 10 + (s[3] - '0');
    const int day = (s[4] - '0') * 10 + (s[5] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

} // namespace

Result<std::string> BacKeyDerivation::mrzInformation(const BacInput& input) {
    std::string number = input.documentNumber;
    if (number.empty() || number.size() > 9) return keyError("the document number has 1 to 9 characters");
    for (char c : number)
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<'))
            return keyError("the document number holds a character outside 0-9, A-Z and '<'");
    number.resize(9, '<');
    if (!isDate(input.birthDate)) return keyError("the birth date is not YYMMDD");
    if (!isDate(input.expiryDate)) return keyError("the expiry date is not YYMMDD");
    std::string info = number + *CheckDigit::charOf(number);
    info += input.birthDate + *CheckDigit::charOf(input.birthDate);
    info += input.expiryDate + *CheckDigit::charOf(input.expiryDate);
    return info;
}

Bytes BacKeyDerivation::adjustParity(Bytes key) {
    for (auto& b : key) {
        const std::uint8_t high = b & 0xFE;
        b = static_cast<std::uint8_t>(high | ((std::popcount(high) % 2 == 0) ? 1 : 0));
    }
    return key;
}

Bytes BacKeyDerivation::deriveKey(ByteView seed, std::uint8_t counter) {
    Bytes data(seed.begin(), seed.end());
    data.insert(data.end(), {0x00, 0x00, 0x00, counter});
    const auto digest = Sha1::of(data);
    return adjustParity(Bytes(digest.begin(), digest.begin() + 16));
}

Result<BacKeys> BacKeyDerivation::derive(const BacInput& input) {
    auto info = mrzInformation(input);
    if (!info) return info.error();
    const auto digest = Sha1::of(bytesOf(*info));
    BacKeys keys;
    keys.seed.assign(digest.begin(), digest.begin() + 16);
    keys.enc = deriveKey(keys.seed, 1);
    keys.mac = deriveKey(keys.seed, 2);
    return keys;
}

} // namespace bhxh::chip
