#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <string>

namespace bhxh::chip {

/// What the desk takes from DG14 (ICAO 9303-11 §9.2, SecurityInfos): the hash of ECDSA active
/// authentication, which ActiveAuthenticationInfo names (id-AA, version 1, a BSI TR-03111
/// ecdsa-plain-SHAx signature algorithm). The other entries (chip authentication, PACE, …) are
/// read past, not used.
struct Dg14 {
    std::string activeAuthSignatureOid;  ///< dotted, empty when DG14 has no ActiveAuthenticationInfo
    std::string activeAuthHashName;      ///< "sha1" … "sha512", "ripemd160" for the ecdsa-plain OIDs, else empty
};

class Dg14Parser {
public:
    /// DG14 as the chip gives it (tag 6E around a SET OF SecurityInfo). Bounded like every chip
    /// parser: one level of BER-TLV at a time, at most 64 entries.
    [[nodiscard]] static Result<Dg14> parse(ByteView dg14);
    /// "sha256" for ecdsa-plain-SHA256 (0.4.0.127.0.7.1.1.4.1.3) and its siblings (SHA-1, SHA-224,
    /// SHA-384, SHA-512, RIPEMD-160), else empty.
    [[nodiscard]] static std::string ecdsaPlainHashName(const std::string& oid);
};

} // namespace bhxh::chip
