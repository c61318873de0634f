#include "chip/dg14.h"

#include "chip/ber_tlv.h"
#include "chip/lds_security_object.h"

namespace bhxh::chip {
namespace {

Error dg14Error(const std::string& message) { return makeError("chip.bad_dg14", message); }

constexpr const char* kIdAa = "2.23.136.1.1.5";  // ICAO 9303-11: id-AA (ActiveAuthenticationInfo)
constexpr std::size_t kMaxEntries = 64;

} // namespace

std::string Dg14Parser::ecdsaPlainHashName(const std::string& oid) {
    // BSI TR-03111 §5.2.1: ecdsa-plain-signatures 0.4.0.127.0.7.1.1.4.1, then 1..6.
    const std::string base = "0.4.0.127.0.7.1.1.4.1.";
    if (oid.rfind(base, 0) != 0 || oid.size() != base.size() + 1) return {};
    switch (oid.back()) {
    case '1': return "sha1";
    case '2': return "sha224";
    case '3': return "sha256";
    case '4': return "sha384";
    case '5': return "sha512";
    case '6': return "ripemd160";
    default: return {};
    }
}

Result<Dg14> Dg14Parser::parse(ByteView dg14) {
    auto outer = BerTlv::readOne(dg14);
    if (!outer) return outer.error();
    if (outer->tag != 0x6E) return dg14Error("DG14 does not start with tag 6E");
    auto set = BerTlv::readOne(outer->value);
    if (!set) return set.error();
    if (set->tag != 0x31) return dg14Error("DG14 does not hold a SET OF SecurityInfo");
    auto infos = BerTlv::readAll(set->value);
    if (!infos) return infos.error();
    if (infos->size() > kMaxEntries) return dg14Error("DG14 holds more than 64 SecurityInfos");
    Dg14 out;
    for (const auto& info : *infos) {
        if (info.tag != 0x30) return dg14Error("a SecurityInfo is not a SEQUENCE");
        auto fields = BerTlv::readAll(info.value);
        if (!fields) return fields.error();
        if (fields->empty() || (*fields)[0].tag != 0x06) return dg14Error("a SecurityInfo without its protocol OBJECT IDENTIFIER");
        auto protocol = LdsSecurityObjectParser::oidText((*fields)[0].value);
        if (!protocol) return protocol.error();
        if (*protocol != kIdAa) continue;  // chip authentication, PACE, …: not used here
        if (!out.activeAuthSignatureOid.empty()) return dg14Error("DG14 holds two ActiveAuthenticationInfos");
        if (fields->size() != 3 || (*fields)[1].tag != 0x02 || (*fields)[2].tag != 0x06)
            return dg14Error("ActiveAuthenticationInfo is not (protocol, version, signatureAlgorithm)");
        if ((*fields)[1].value.size() != 1 || (*fields)[1].value[0] != 0x01)
            return dg14Error("ActiveAuthenticationInfo has a version other than 1");
        auto algorithm = LdsSecurityObjectParser::oidText((*fields)[2].value);
        if (!algorithm) return algorithm.error();
        out.activeAuthSignatureOid = *algorithm;
        out.activeAuthHashName = ecdsaPlainHashName(*algorithm);
    }
    return out;
}

} // namespace bhxh::chip
