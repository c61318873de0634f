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
/// scheme 1 (trailer BC = SHA-1, or 34CC/36CC/35CC = SHA-256/384/512). Other key types:
/// Unsupported (not a failure).
class ActiveAuthenticator {
public:
    [[nodiscard]] static ActiveAuthResult run(ApduChannel& channel, SecureMessaging& sm, ByteView dg15);
    /// Checks an RSA ISO 9796-2 signature of challenge against DG15's key (also for tests).
    [[nodiscard]] static ActiveAuthResult check(ByteView dg15, ByteView challenge, ByteView signature);
};

} // namespace bhxh::chip
