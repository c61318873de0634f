#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh::chip {

/// Bytes read from or sent to a chip.
using Bytes = std::vector<std::uint8_t>;
/// A read-only window on bytes owned elsewhere.
using ByteView = std::span<const std::uint8_t>;

/// The bytes of an ASCII/UTF-8 text.
inline Bytes bytesOf(std::string_view text) { return Bytes(text.begin(), text.end()); }
/// The text a byte run holds (no validation).
inline std::string textOf(ByteView bytes) { return std::string(bytes.begin(), bytes.end()); }

} // namespace bhxh::chip
