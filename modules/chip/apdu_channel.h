#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <cstddef>

namespace bhxh::chip {

/// Where APDUs go: a card in a PC/SC reader (chip_pcsc), or a test double at a unit boundary.
/// transmit() sends one command APDU and returns the response with its SW1 SW2; every call is
/// bounded by the channel (a pulled card or a silent reader is an error, never a hang).
class ApduChannel {
public:
    virtual ~ApduChannel() = default;
    [[nodiscard]] virtual Result<Bytes> transmit(ByteView command) = 0;
    /// Statistics for the benchmark: commands sent, bytes out and in.
    std::size_t commands = 0;
    std::size_t bytesOut = 0;
    std::size_t bytesIn = 0;
};

} // namespace bhxh::chip
