#pragma once
#include "chip/bytes.h"
#include "common/result.h"

namespace bhxh::chip {

/// The block-cipher pieces of BAC and secure messaging (ICAO 9303-11 §9.8, §9.7.1) on OpenSSL's
/// default provider: 2-key 3DES-CBC with a zero IV, ISO 9797-1 padding method 2 and MAC
/// algorithm 3 (retail MAC; single DES runs as 3DES with K1 = K2).
class DesCipher {
public:
    [[nodiscard]] static Result<Bytes> encrypt(ByteView key16, ByteView data);
    [[nodiscard]] static Result<Bytes> decrypt(ByteView key16, ByteView data);
    /// Retail MAC of data already padded to 8 bytes.
    [[nodiscard]] static Result<Bytes> retailMac(ByteView key16, ByteView padded);
    /// ISO 9797-1 padding method 2: 0x80 then zeros to a multiple of 8.
    [[nodiscard]] static Bytes pad(ByteView data);
    /// Removes method-2 padding; error when there is none.
    [[nodiscard]] static Result<Bytes> unpad(ByteView data);
};

} // namespace bhxh::chip
