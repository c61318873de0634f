#pragma once
#include "chip/bytes.h"

#include <optional>
#include <string>
#include <string_view>

namespace bhxh::chip {

/// Hex text for bytes (keys, hashes, APDUs in tests and logs of non-personal data).
class Hex {
public:
    /// Lower-case hex, two digits a byte, no separators.
    [[nodiscard]] static std::string encode(ByteView bytes);
    /// Bytes from hex digits; spaces are skipped; nothing on an odd count or a non-hex character.
    [[nodiscard]] static std::optional<Bytes> decode(std::string_view text);
};

} // namespace bhxh::chip
