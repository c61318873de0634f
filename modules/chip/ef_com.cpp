#include "chip/ef_com.h"

#include "chip/ber_tlv.h"

namespace bhxh::chip {

int EfComParser::dataGroupOfTag(std::uint8_t tag) {
    switch (tag) {
    case 0x61: return 1;
    case 0x75: return 2;
    case 0x63: return 3;
    case 0x76: return 4;
    case 0x65: return 5;
    case 0x66: return 6;
    case 0x67: return 7;
    case 0x68: return 8;
    case 0x69: return 9;
    case 0x6A: return 10;
    case 0x6B: return 11;
    case 0x6C: return 12;
    case 0x6D: return 13;
    case 0x6E: return 14;
    case 0x6F: return 15;
    case 0x70: return 16;
    default: return 0;
    }
}

Result<EfCom> EfComParser::parse(ByteView data) {
    auto outer = BerTlv::readOne(data);
    if (!outer) return outer.error();
    if (outer->tag != 0x60) return makeError("chip.bad_ef_com", "EF.COM does not start with tag 60");
    auto items = BerTlv::readAll(outer->value);
    if (!items) return items.error();
    EfCom com;
    bool haveList = false;
    for (const auto& e : *items) {
        if (e.tag == 0x5F01) com.ldsVersion = textOf(e.value);
        if (e.tag == 0x5F36) com.unicodeVersion = textOf(e.value);
        if (e.tag == 0x5C) {
            haveList = true;
            for (std::uint8_t t : e.value) {
                const int dg = dataGroupOfTag(t);
                if (dg == 0) return makeError("chip.bad_ef_com", "EF.COM lists an unknown data-group tag");
                com.dataGroups.push_back(dg);
            }
        }
    }
    if (!haveList) return makeError("chip.bad_ef_com", "EF.COM holds no data-group list (tag 5C)");
    return com;
}

} // namespace bhxh::chip
