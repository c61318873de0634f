#pragma once
#include "chip/apdu_channel.h"
#include "chip/bac_key.h"
#include "chip_pcsc/secure_messaging.h"

#include <functional>

namespace bhxh::chip {

/// Basic Access Control (ICAO 9303-11 §4.3): selects the eMRTD application, GET CHALLENGE,
/// EXTERNAL AUTHENTICATE with E_IFD ‖ M_IFD, checks the chip's answer and derives the session
/// keys and send sequence counter.
class BacSession {
public:
    using Random = std::function<Bytes(std::size_t)>;
    /// OpenSSL's RAND_bytes.
    [[nodiscard]] static Bytes secureRandom(std::size_t n);
    /// Error chip.bac_refused when the chip does not accept the key (wrong MRZ data).
    [[nodiscard]] static Result<SecureMessaging> authenticate(ApduChannel& channel, const BacKeys& keys,
                                                              const Random& random = secureRandom);
};

} // namespace bhxh::chip
