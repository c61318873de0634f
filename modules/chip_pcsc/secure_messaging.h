#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <cstdint>
#include <optional>

namespace bhxh::chip {

/// A response under secure messaging, unwrapped.
struct SmResponse {
    Bytes data;
    std::uint16_t status = 0; ///< SW1 SW2 from DO'99'
};

/// ICAO 9303-11 §9.8 secure messaging after BAC: commands carry DO'87' (encrypted data),
/// DO'97' (Le) and DO'8E' (retail MAC over SSC ‖ header ‖ DOs); the send sequence counter
/// goes up before each command and each response.
class SecureMessaging {
public:
    SecureMessaging(Bytes ksEnc, Bytes ksMac, std::uint64_t ssc)
        : m_enc(std::move(ksEnc)), m_mac(std::move(ksMac)), m_ssc(ssc) {}

    /// The protected form of a case 1–4 short APDU: CLA INS P1 P2 [Lc data] [Le].
    [[nodiscard]] Result<Bytes> wrap(ByteView command);
    /// Checks the response's MAC and decrypts its data; error chip.sm on any mismatch.
    [[nodiscard]] Result<SmResponse> unwrap(ByteView response);
    [[nodiscard]] std::uint64_t ssc() const { return m_ssc; }

private:
    [[nodiscard]] Bytes sscBytes() const;
    Bytes m_enc;
    Bytes m_mac;
    std::uint64_t m_ssc = 0;
};

} // namespace bhxh::chip
