#pragma once
#include "chip/bytes.h"
#include "chip_pcsc/secure_messaging.h"
#include "chip/apdu_channel.h"

#include <string>

namespace bhxh::chip {

enum class ActiveAuthOutcome { NotOffered, Passed, Failed, Unsupported };

struct ActiveAuthResult {
    ActiveAuthOutcome outcome = ActiveAuthOutcome::NotOffered;
    std::string detail;
};

/// Active authentication (ICAO 9303-11 §6.1): the chip signs an 8-byte challenge with the
/// private key whose public half is in DG15 (INTERNAL AUTHENTICATE). RSA keys: ISO/IEC 9796-2
/// scheme 1 (trailer BC = SHA-1, or 34CC/36CC/35CC = SHA-256/384/512). EC keys: ECDSA over the
/// challenge, the signature in plain format (r ‖ s, BSI TR-03111) with the hash DG14's
/// ActiveAuthenticationInfo names; without one, each hash TR-03111 allows is tried (a signature of
/// our fresh challenge under the chip's key proves the key whatever the hash). Other key types:
/// Unsupported (not a failure).
class ActiveAuthenticator {
public:
    /// `ecdsaHash`: "sha256" etc. from DG14 (Dg14::activeAuthHashName), or empty.
    [[nodiscard]] static ActiveAuthResult run(ApduChannel& channel, SecureMessaging& sm, ByteView dg15,
                                              const std::string& ecdsaHash = {});
    /// Checks the chip's signature of challenge against DG15's key (also for tests).
    [[nodiscard]] static ActiveAuthResult check(ByteView dg15, ByteView challenge, ByteView signature,
                                                const std::string& ecdsaHash = {});
};

} // namespace bhxh::chip
