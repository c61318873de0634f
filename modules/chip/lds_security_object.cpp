#include "chip/lds_security_object.h"

#include "chip/ber_tlv.h"

namespace bhxh::chip {
namespace {

Error sodError(const std::string& message) { return makeError("chip.bad_sod", message); }

Result<int> smallInteger(const TlvElement& e) {
    if (e.tag != 0x02 || e.value.empty() || e.value.size() > 2) return sodError("expected a small INTEGER");
    int v = 0;
    for (std::uint8_t b : e.value) v = v << 8 | b;
    if (e.value[0] & 0x80) return sodError("a negative INTEGER");
    return v;
}

} // namespace

Result<std::string> LdsSecurityObjectParser::oidText(ByteView value) {
    if (value.empty() || value.size() > 64) return sodError("an OBJECT IDENTIFIER of 0 or more than 64 bytes");
    std::string out;
    std::uint64_t arc = 0;
    bool first = true;
    int digitsInArc = 0;
    for (std::uint8_t b : value) {
        if (digitsInArc == 0 && b == 0x80) return sodError("an OBJECT IDENTIFIER arc with a leading 0x80");
        if (++digitsInArc > 8) return sodError("an OBJECT IDENTIFIER arc too large");
        arc = arc << 7 | (b & 0x7F);
        if (b & 0x80) continue;
        if (first) {
            const std::uint64_t top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
            out = std::to_string(top) + "." + std::to_string(arc - top * 40);
            first = false;
        } else {
            out += "." + std::to_string(arc);
        }
        arc = 0;
        digitsInArc = 0;
    }
    if (digitsInArc != 0) return sodError("an OBJECT IDENTIFIER cut short");
    return out;
}

std::string LdsSecurityObjectParser::hashName(const std::string& oid) {
    if (oid == "1.3.14.3.2.26") return "sha1";
    if (oid == "2.16.840.1.101.3.4.2.4") return "sha224";
    if (oid == "2.16.840.1.101.3.4.2.1") return "sha256";
    if (oid == "2.16.840.1.101.3.4.2.2") return "sha384";
    if (oid == "2.16.840.1.101.3.4.2.3") return "sha512";
    return {};
}

Result<LdsSecurityObject> LdsSecurityObjectParser::parse(ByteView der) {
    auto outer = BerTlv::readOne(der);
    if (!outer) return outer.error();
    if (outer->tag != 0x30) return sodError("the LDS security object is not a SEQUENCE");
    auto items = BerTlv::readAll(outer->value);
    if (!items) return items.error();
    if (items->size() < 3) return sodError("the LDS security object has fewer than 3 fields");
    LdsSecurityObject sod;
    auto version = smallInteger((*items)[0]);
    if (!version) return version.error();
    sod.version = *version;
    const auto& alg = (*items)[1];
    if (alg.tag != 0x30) return sodError("the hash algorithm is not an AlgorithmIdentifier");
    auto oid = BerTlv::readOne(alg.value);
    if (!oid) return oid.error();
    if (oid->tag != 0x06) return sodError("the hash algorithm has no OBJECT IDENTIFIER");
    auto dotted = oidText(oid->value);
    if (!dotted) return dotted.error();
    sod.hashAlgorithmOid = *dotted;
    sod.hashAlgorithmName = hashName(*dotted);
    const auto& list = (*items)[2];
    if (list.tag != 0x30) return sodError("the data-group hashes are not a SEQUENCE");
    auto hashes = BerTlv::readAll(list.value);
    if (!hashes) return hashes.error();
    if (hashes->empty() || hashes->size() > 16) return sodError("the LDS security object lists 0 or more than 16 hashes");
    for (const auto& h : *hashes) {
        if (h.tag != 0x30) return sodError("a data-group hash is not a SEQUENCE");
        auto pair = BerTlv::readAll(h.value);
        if (!pair) return pair.error();
        if (pair->size() != 2) return sodError("a data-group hash is not (number, hash)");
        auto dg = smallInteger((*pair)[0]);
        if (!dg) return dg.error();
        if (*dg < 1 || *dg > 16) return sodError("a data-group number outside 1..16");
        const auto& value = (*pair)[1];
        if (value.tag != 0x04 || value.value.empty() || value.value.size() > 64)
            return sodError("a data-group hash is not an OCTET STRING of 1..64 bytes");
        if (sod.dataGroupHashes.count(*dg)) return sodError("a data group hashed twice");
        sod.dataGroupHashes[*dg] = Bytes(value.value.begin(), value.value.end());
    }
    return sod;
}

} // namespace bhxh::chip
