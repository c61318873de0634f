#pragma once
#include "chip/bytes.h"

#include <array>
#include <cstdint>

namespace bhxh::chip {

/// SHA-1 (FIPS 180-4), only for BAC key derivation (ICAO 9303-11 fixes SHA-1 there); the
/// domain module links no crypto library. Hashes that prove anything (SOD) use OpenSSL.
class Sha1 {
public:
    using Digest = std::array<std::uint8_t, 20>;
    [[nodiscard]] static Digest of(ByteView data);
};

} // namespace bhxh::chip
