#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <string>

namespace bhxh::chip {

/// What BAC needs from the MRZ (ICAO 9303-11 §4.3): document number, birth and expiry date.
struct BacInput {
    std::string documentNumber; ///< MRZ characters, up to 9 here (padded with '<')
    std::string birthDate;      ///< YYMMDD
    std::string expiryDate;     ///< YYMMDD
};

/// The document's BAC keys: K_seed and the 2-key 3DES K_enc / K_mac, parity adjusted.
struct BacKeys {
    Bytes seed; ///< 16 bytes
    Bytes enc;  ///< 16 bytes
    Bytes mac;  ///< 16 bytes
};

/// BAC key derivation (ICAO 9303-11 §9.7.1 and Appendix D): MRZ_information = document number
/// (padded to 9 with '<') + check digit + birth date + check digit + expiry date + check digit;
/// K_seed = SHA-1(MRZ_information)[0..16]; K = SHA-1(K_seed ‖ counter)[0..16], counter 1 for
/// K_enc and 2 for K_mac, each byte's lowest bit set for odd parity.
class BacKeyDerivation {
public:
    /// The 24-character MRZ_information, or an error naming the bad field.
    [[nodiscard]] static Result<std::string> mrzInformation(const BacInput& input);
    [[nodiscard]] static Result<BacKeys> derive(const BacInput& input);
    /// SHA-1(seed ‖ 00 00 00 counter)[0..16], parity adjusted (also for the session keys).
    [[nodiscard]] static Bytes deriveKey(ByteView seed, std::uint8_t counter);
    /// Sets each byte's lowest bit so the byte has odd parity (DES keys).
    [[nodiscard]] static Bytes adjustParity(Bytes key);
};

} // namespace bhxh::chip
