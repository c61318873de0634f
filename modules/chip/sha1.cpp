#include "chip/sha1.h"

namespace bhxh::chip {
namespace {

std::uint32_t rotl(std::uint32_t v, int n) { return v << n | v >> (32 - n); }

void block(std::uint32_t h[5], const std::uint8_t* p) {
    std::uint32_t w[80];
    for (int i = 0; i < 16; ++i)
        w[i] = std::uint32_t(p[4 * i]) << 24 | std::uint32_t(p[4 * i + 1]) << 16 | std::uint32_t(p[4 * i + 2]) << 8 | p[4 * i + 3];
    for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
        std::uint32_t f, k;
        if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
        else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
        else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
        else { f = b ^ c ^ d; k = 0xCA62C1D6; }
        const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
        e = d; d = c; c = rotl(b, 30); b = a; a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

} // namespace

Sha1::Digest Sha1::of(ByteView data) {
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::size_t full = data.size() / 64;
    for (std::size_t i = 0; i < full; ++i) block(h, data.data() + 64 * i);
    std::uint8_t tail[128] = {};
    const std::size_t rest = data.size() - 64 * full;
    for (std::size_t i = 0; i < rest; ++i) tail[i] = data[64 * full + i];
    tail[rest] = 0x80;
    const std::size_t tailLen = rest + 1 + 8 <= 64 ? 64 : 128;
    const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
    for (int i = 0; i < 8; ++i) tail[tailLen - 1 - i] = static_cast<std::uint8_t>(bits >> (8 * i));
    block(h, tail);
    if (tailLen == 128) block(h, tail + 64);
    Digest d{};
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 4; ++j) d[4 * i + j] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * j));
    return d;
}

} // namespace bhxh::chip
