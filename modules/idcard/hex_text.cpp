#include "idcard/hex_text.h"

#include "common/unicode_text.h"

namespace bhxh::idcard {
namespace {

int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Error hexError(std::string message) { return Error{"idcard.bad_hex", std::move(message)}; }

} // namespace

Result<std::string> decodeHexUtf8(std::string_view hex) {
    if (hex.empty()) return hexError("empty hex text");
    if (hex.size() % 2 != 0) return hexError("odd number of hex digits (" + std::to_string(hex.size()) + ")");
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = nibble(hex[i]);
        const int lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return hexError("character " + std::to_string(hi < 0 ? i + 1 : i + 2) + " is not a hex digit");
        bytes.push_back(static_cast<char>((hi << 4) | lo));
    }
    if (!text::isValidUtf8(bytes)) return hexError("the decoded bytes are not valid UTF-8");
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return hexError("the decoded text holds a control character");
    }
    return bytes;
}

std::string encodeHex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        out.push_back(kDigits[u >> 4]);
        out.push_back(kDigits[u & 0x0f]);
    }
    return out;
}

} // namespace bhxh::idcard
