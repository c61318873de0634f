#include "chip/ber_tlv.h"

#include <string>

namespace bhxh::chip {
namespace {

Error tlvError(const std::string& message) { return makeError("chip.bad_tlv", message); }

} // namespace

Result<TlvElement> BerTlv::readOne(ByteView data) {
    std::size_t pos = 0;
    if (data.empty()) return tlvError("no data where a TLV element was expected");
    const std::uint8_t first = data[pos++];
    if (first == 0x00 || first == 0xFF) return tlvError("a TLV element starts with a padding byte");
    std::uint32_t tag = first;
    if ((first & 0x1F) == 0x1F) {
        for (int i = 0;; ++i) {
            if (i == 2) return tlvError("a TLV tag longer than 3 bytes");
            if (pos >= data.size()) return tlvError("a TLV tag cut short");
            const std::uint8_t b = data[pos++];
            tag = tag << 8 | b;
            if ((b & 0x80) == 0) break;
        }
    }
    if (pos >= data.size()) return tlvError("a TLV length missing");
    const std::uint8_t l0 = data[pos++];
    std::size_t length = 0;
    if (l0 < 0x80) {
        length = l0;
    } else if (l0 == 0x80) {
        return tlvError("the indefinite length is not allowed");
    } else {
        const int n = l0 & 0x7F;
        if (n > 4) return tlvError("a TLV length of more than 4 bytes");
        if (data.size() - pos < static_cast<std::size_t>(n)) return tlvError("a TLV length cut short");
        for (int i = 0; i < n; ++i) length = length << 8 | data[pos++];
    }
    if (length > data.size() - pos) return tlvError("a TLV value longer than the data holding it");
    TlvElement e;
    e.tag = tag;
    e.constructed = (first & 0x20) != 0;
    e.value = data.subspan(pos, length);
    e.encodedSize = pos + length;
    return e;
}

Result<std::vector<TlvElement>> BerTlv::readAll(ByteView data) {
    std::vector<TlvElement> out;
    while (!data.empty()) {
        if (out.size() == kMaxElements) return tlvError("more than 4096 TLV elements in one level");
        auto e = readOne(data);
        if (!e) return e.error();
        data = data.subspan(e->encodedSize);
        out.push_back(*e);
    }
    return out;
}

std::optional<TlvElement> BerTlv::find(ByteView data, std::uint32_t tag) {
    auto all = readAll(data);
    if (!all) return std::nullopt;
    for (const auto& e : *all)
        if (e.tag == tag) return e;
    return std::nullopt;
}

Bytes BerTlv::encodeLength(std::size_t n) {
    if (n < 0x80) return {static_cast<std::uint8_t>(n)};
    Bytes digits;
    for (std::size_t v = n; v != 0; v >>= 8) digits.insert(digits.begin(), static_cast<std::uint8_t>(v & 0xFF));
    digits.insert(digits.begin(), static_cast<std::uint8_t>(0x80 | digits.size()));
    return digits;
}

Bytes BerTlv::encode(std::uint32_t tag, ByteView value) {
    Bytes out;
    if (tag > 0xFFFF) out.push_back(static_cast<std::uint8_t>(tag >> 16));
    if (tag > 0xFF) out.push_back(static_cast<std::uint8_t>(tag >> 8));
    out.push_back(static_cast<std::uint8_t>(tag));
    const Bytes len = encodeLength(value.size());
    out.insert(out.end(), len.begin(), len.end());
    out.insert(out.end(), value.begin(), value.end());
    return out;
}

} // namespace bhxh::chip
