#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <map>
#include <string>

namespace bhxh::chip {

/// The content EF.SOD signs (ICAO 9303-10, LDSSecurityObject, content type 2.23.136.1.1.1):
/// the hash algorithm and one hash per data group.
struct LdsSecurityObject {
    int version = 0;
    std::string hashAlgorithmOid;  ///< dotted, "2.16.840.1.101.3.4.2.1"
    std::string hashAlgorithmName; ///< "sha256", or empty for an algorithm we do not know
    std::map<int, Bytes> dataGroupHashes; ///< DG number (1..16) → hash
};

class LdsSecurityObjectParser {
public:
    /// The DER LDSSecurityObject (the SignedData's eContent, after the signature checked it).
    [[nodiscard]] static Result<LdsSecurityObject> parse(ByteView der);
    /// A DER OBJECT IDENTIFIER's value as dotted text, or nothing when malformed.
    [[nodiscard]] static Result<std::string> oidText(ByteView value);
    /// "sha1", "sha224", "sha256", "sha384", "sha512" for their OIDs, else empty.
    [[nodiscard]] static std::string hashName(const std::string& oid);
};

} // namespace bhxh::chip
