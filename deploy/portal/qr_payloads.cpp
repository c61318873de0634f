#include "qr_payloads.h"

#include "seed_lists.h"

#include <sodium.h>

#include <cstdio>

namespace portal {

namespace {
std::string pad2(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}
} // namespace

std::string hexUtf8(const std::string& text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() * 2);
    for (unsigned char c : text) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    return out;
}

std::string cccdPayload(const Person& p) {
    return p.idNumber + "|" + p.oldCmnd + "|" + p.fullName + "|" + pad2(p.birthDay) + pad2(p.birthMonth) +
           std::to_string(p.birthYear) + "|" + (p.male ? "Nam" : "Nữ") + "|" + p.addressText + "|" + p.cardIssued;
}

std::string bhytPayload(const Person& p, const std::string& officeCode, const std::string& parentName) {
    const std::string province = officeCode.substr(1, 2);
    const auto district = lists::districtFor(officeCode);
    // The check string's algorithm is not public; this one only has the documented shape,
    // derived from the card number so the same person always gets the same string.
    unsigned char hash[8];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(p.bhxhCode.data()),
                       p.bhxhCode.size(), nullptr, 0);
    std::string check = hexUtf8(std::string(reinterpret_cast<const char*>(hash), sizeof hash));
    check += "-" + p.cardIssued.substr(0, 4);
    const std::string dob = pad2(p.birthDay) + "/" + pad2(p.birthMonth) + "/" + std::to_string(p.birthYear);
    const bool child = !parentName.empty();
    const std::string management = province + officeCode.substr(3, 2) + province + p.bhxhCode.substr(2);
    const std::string place = std::string(district.name) + ", " + std::string(district.provinceName);
    return p.bhxhCode + "|" + hexUtf8(p.fullName) + "|" + dob + "|" + (p.male ? "1" : "2") + "|-|" + province +
           " - 001|01/01/2026|" + (child ? "31/12/2031" : "-") + "|20/01/2026|" + management + "|" +
           (child ? hexUtf8(parentName) : "-") + "|4|" + (child ? "-" : "01/01/2030") + "|" + check + "|" +
           (child ? "1" : "4") + "|" + hexUtf8(place) + "|$";
}

} // namespace portal
