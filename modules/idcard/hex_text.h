#pragma once
#include "common/result.h"

#include <string>
#include <string_view>

/// The hex-encoded UTF-8 text of BHYT payloads ("4e677579…" = "Nguy…").
namespace bhxh::idcard {

/// Strict decode: even length, only [0-9a-fA-F], the bytes valid UTF-8 with no control
/// characters (U+0000–U+001F, U+007F), not empty. Error code idcard.bad_hex, message says why.
/// Callers decode only the fields the format defines as hex, never by looks.
[[nodiscard]] Result<std::string> decodeHexUtf8(std::string_view hex);
/// Lowercase hex of the bytes.
[[nodiscard]] std::string encodeHex(std::string_view bytes);

} // namespace bhxh::idcard
