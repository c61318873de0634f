#include "common/image_header.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cctype>
#include <cstring>
#include <fstream>
#include <functional>
#include <vector>

namespace bhxh::image {
namespace {

// Reads up to n bytes at an offset; returns how many it got.
using ReadAt = std::function<std::size_t(std::uint64_t offset, std::uint8_t* out, std::size_t n)>;

Error unknownFormat() {
    return makeError("image.unknown_format",
                     "not an image format the desk reads (JPEG, PNG, WebP, BMP, TIFF, PGM/PPM, GIF, AVIF/HEIF)");
}
Error badHeader(const std::string& format, const std::string& why) {
    return makeError("image.bad_header", "the " + format + " header cannot be read (" + why + ")");
}

std::uint32_t be16(const std::uint8_t* p) { return (std::uint32_t(p[0]) << 8) | p[1]; }
std::uint32_t be32(const std::uint8_t* p) { return (be16(p) << 16) | be16(p + 2); }
std::uint32_t le16(const std::uint8_t* p) { return (std::uint32_t(p[1]) << 8) | p[0]; }
std::uint32_t le32(const std::uint8_t* p) { return (le16(p + 2) << 16) | le16(p); }

Result<ImageSize> sized(std::uint32_t w, std::uint32_t h, const char* format) {
    if (w == 0 || h == 0) return badHeader(format, "zero width or height");
    return ImageSize{w, h, format};
}

Result<ImageSize> png(const ReadAt& read) {
    std::array<std::uint8_t, 24> h{};
    if (read(0, h.data(), h.size()) < h.size() || std::memcmp(h.data() + 12, "IHDR", 4) != 0) {
        return badHeader("PNG", "no IHDR chunk");
    }
    return sized(be32(h.data() + 16), be32(h.data() + 20), "png");
}

Result<ImageSize> jpeg(const ReadAt& read) {
    std::uint64_t at = 2;
    for (int step = 0; step < 4096; ++step) {  // segments are skipped by their length: bounded
        std::array<std::uint8_t, 9> m{};
        if (read(at, m.data(), 4) < 4) break;
        if (m[0] != 0xFF) return badHeader("JPEG", "marker expected");
        const std::uint8_t marker = m[1];
        if (marker == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            at += 2;
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA) break;  // end, or scan data before any frame header
        const std::uint32_t length = be16(m.data() + 2);
        if (length < 2) return badHeader("JPEG", "segment length");
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame) {
            if (read(at, m.data(), m.size()) < m.size()) break;
            return sized(be16(m.data() + 7), be16(m.data() + 5), "jpeg");
        }
        at += 2 + length;
    }
    return badHeader("JPEG", "no frame header");
}

/// A JPEG 2000 codestream (FF 4F, then the SIZ marker FF 51): width = Xsiz − XOsiz,
/// height = Ysiz − YOsiz, as the CCCD chip's portrait often is.
Result<ImageSize> j2kAt(const ReadAt& read, std::uint64_t at) {
    std::array<std::uint8_t, 24> h{};
    if (read(at, h.data(), h.size()) < h.size() || h[0] != 0xFF || h[1] != 0x4F || h[2] != 0xFF || h[3] != 0x51) {
        return badHeader("JPEG 2000", "no SIZ marker");
    }
    const std::uint32_t x = be32(h.data() + 8), y = be32(h.data() + 12);
    const std::uint32_t x0 = be32(h.data() + 16), y0 = be32(h.data() + 20);
    if (x0 >= x || y0 >= y) return badHeader("JPEG 2000", "image offset past its size");
    return sized(x - x0, y - y0, "jp2");
}

/// A JP2 file: boxes (length, type) from the signature box on; the header box (jp2h) holds the
/// image header (ihdr: height, width). Bounded by a step count; a 1-length box (64-bit size)
/// and a 0-length box (to the end) are followed as the format says.
Result<ImageSize> jp2(const ReadAt& read) {
    std::uint64_t at = 0;
    std::uint64_t end = UINT64_MAX;
    for (int step = 0; step < 256; ++step) {
        std::array<std::uint8_t, 16> b{};
        if (at + 8 > end || read(at, b.data(), 8) < 8) break;
        std::uint64_t length = be32(b.data());
        std::uint64_t header = 8;
        if (length == 1) {
            if (read(at + 8, b.data() + 8, 8) < 8) break;
            length = (std::uint64_t(be32(b.data() + 8)) << 32) | be32(b.data() + 12);
            header = 16;
        }
        const bool zero = length == 0;
        if (!zero && length < header) return badHeader("JPEG 2000", "box length");
        if (std::memcmp(b.data() + 4, "jp2h", 4) == 0) {  // a superbox: look inside
            end = zero ? UINT64_MAX : at + length;
            at += header;
            continue;
        }
        if (std::memcmp(b.data() + 4, "ihdr", 4) == 0) {
            std::array<std::uint8_t, 8> ih{};
            if (read(at + header, ih.data(), ih.size()) < ih.size()) break;
            return sized(be32(ih.data() + 4), be32(ih.data()), "jp2");
        }
        if (std::memcmp(b.data() + 4, "jp2c", 4) == 0) return j2kAt(read, at + header);
        if (zero) break;
        at += length;
    }
    return badHeader("JPEG 2000", "no image header box");
}

Result<ImageSize> webp(const ReadAt& read) {
    std::array<std::uint8_t, 30> h{};
    if (read(0, h.data(), h.size()) < h.size()) return badHeader("WebP", "too short");
    const std::uint8_t* c = h.data() + 12;
    if (std::memcmp(c, "VP8 ", 4) == 0) {
        if (h[23] != 0x9D || h[24] != 0x01 || h[25] != 0x2A) return badHeader("WebP", "VP8 start code");
        return sized(le16(h.data() + 26) & 0x3FFF, le16(h.data() + 28) & 0x3FFF, "webp");
    }
    if (std::memcmp(c, "VP8L", 4) == 0) {
        if (h[20] != 0x2F) return badHeader("WebP", "VP8L signature");
        const std::uint32_t bits = le32(h.data() + 21);
        return sized((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, "webp");
    }
    if (std::memcmp(c, "VP8X", 4) == 0) {
        const auto w = std::uint32_t(h[24]) | std::uint32_t(h[25]) << 8 | std::uint32_t(h[26]) << 16;
        const auto hh = std::uint32_t(h[27]) | std::uint32_t(h[28]) << 8 | std::uint32_t(h[29]) << 16;
        return sized(w + 1, hh + 1, "webp");
    }
    return badHeader("WebP", "unknown chunk");
}

Result<ImageSize> bmp(const ReadAt& read) {
    std::array<std::uint8_t, 26> h{};
    if (read(0, h.data(), h.size()) < h.size()) return badHeader("BMP", "too short");
    const std::uint32_t dib = le32(h.data() + 14);
    if (dib == 12) return sized(le16(h.data() + 18), le16(h.data() + 20), "bmp");
    const auto w = static_cast<std::int32_t>(le32(h.data() + 18));
    const auto hh = static_cast<std::int32_t>(le32(h.data() + 22));
    if (w <= 0 || hh == 0 || hh == INT32_MIN) return badHeader("BMP", "width or height");
    return sized(static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(hh < 0 ? -hh : hh), "bmp");
}

Result<ImageSize> tiff(const ReadAt& read, bool little) {
    auto u16 = [little](const std::uint8_t* p) { return little ? le16(p) : be16(p); };
    auto u32 = [little](const std::uint8_t* p) { return little ? le32(p) : be32(p); };
    std::array<std::uint8_t, 8> h{};
    if (read(0, h.data(), h.size()) < h.size()) return badHeader("TIFF", "too short");
    const std::uint64_t ifd = u32(h.data() + 4);
    std::array<std::uint8_t, 2> countBytes{};
    if (read(ifd, countBytes.data(), 2) < 2) return badHeader("TIFF", "first directory");
    const std::uint32_t count = std::min<std::uint32_t>(u16(countBytes.data()), 4096);
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::array<std::uint8_t, 12> e{};
        if (read(ifd + 2 + 12ull * i, e.data(), e.size()) < e.size()) break;
        const std::uint32_t tag = u16(e.data());
        const std::uint32_t type = u16(e.data() + 2);
        const std::uint32_t value = type == 3 ? u16(e.data() + 8) : type == 4 ? u32(e.data() + 8) : 0;
        if (tag == 256) width = value;
        if (tag == 257) height = value;
    }
    return sized(width, height, "tiff");
}

// P1…P6: magic, then width and height as decimal text, with comments between.
Result<ImageSize> pnm(const ReadAt& read) {
    std::array<std::uint8_t, 512> h{};
    const std::size_t n = read(0, h.data(), h.size());
    std::size_t i = 2;
    std::array<std::uint64_t, 2> values{};
    for (auto& value : values) {
        while (i < n && (std::isspace(h[i]) || h[i] == '#')) {
            if (h[i] == '#') {
                while (i < n && h[i] != '\n') ++i;
            } else {
                ++i;
            }
        }
        std::size_t digits = 0;
        while (i < n && h[i] >= '0' && h[i] <= '9' && digits < 10) {
            value = value * 10 + (h[i++] - '0');
            ++digits;
        }
        if (digits == 0 || value > UINT32_MAX) return badHeader("PNM", "width or height");
    }
    return sized(static_cast<std::uint32_t>(values[0]), static_cast<std::uint32_t>(values[1]), "pnm");
}

// GIF87a / GIF89a: the logical screen's width and height follow the signature; no frame of
// the file may be larger (decoders clip to it).
Result<ImageSize> gif(const ReadAt& read) {
    std::array<std::uint8_t, 10> h{};
    if (read(0, h.data(), h.size()) < h.size()) return badHeader("GIF", "too short");
    return sized(le16(h.data() + 6), le16(h.data() + 8), "gif");
}

// AVIF / HEIF (ISO base media): each image item's size is an 'ispe' property (mandatory for
// image items): version/flags, then width and height, 32 bits each. The property boxes sit in
// 'meta', near the start; the largest 'ispe' in the first 64 KB counts (the primary image,
// or a grid's tiles' canvas), and a file without one is refused.
Result<ImageSize> isobmff(const ReadAt& read) {
    constexpr std::size_t kWindow = 64 * 1024;
    std::vector<std::uint8_t> head(kWindow);
    const std::size_t n = read(0, head.data(), head.size());
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    for (std::size_t i = 4; i + 16 <= n; ++i) {
        if (std::memcmp(head.data() + i, "ispe", 4) != 0) continue;
        const std::uint32_t w = be32(head.data() + i + 8);
        const std::uint32_t h = be32(head.data() + i + 12);
        if (std::uint64_t(w) * h > std::uint64_t(width) * height) {
            width = w;
            height = h;
        }
    }
    if (width == 0 || height == 0) return badHeader("AVIF/HEIF", "no image size (ispe) property");
    return sized(width, height, "avif");
}

Result<ImageSize> readWith(const ReadAt& read) {
    std::array<std::uint8_t, 12> magic{};
    const std::size_t n = read(0, magic.data(), magic.size());
    const auto starts = [&](const char* s, std::size_t len, std::size_t at = 0) {
        return n >= at + len && std::memcmp(magic.data() + at, s, len) == 0;
    };
    if (starts("\x89PNG\r\n\x1a\n", 8)) return png(read);
    if (n >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF) return jpeg(read);
    if (starts("RIFF", 4) && starts("WEBP", 4, 8)) return webp(read);
    if (starts("\0\0\0\x0CjP  \r\n\x87\n", 12)) return jp2(read);
    if (n >= 4 && magic[0] == 0xFF && magic[1] == 0x4F && magic[2] == 0xFF && magic[3] == 0x51) return j2kAt(read, 0);
    if (starts("BM", 2)) return bmp(read);
    if (starts("II*\0", 4)) return tiff(read, true);
    if (starts("MM\0*", 4)) return tiff(read, false);
    if (n >= 2 && magic[0] == 'P' && magic[1] >= '1' && magic[1] <= '6') return pnm(read);
    if (starts("GIF87a", 6) || starts("GIF89a", 6)) return gif(read);
    if (starts("ftyp", 4, 4) && (starts("avif", 4, 8) || starts("avis", 4, 8) || starts("heic", 4, 8) ||
                                 starts("heix", 4, 8) || starts("mif1", 4, 8) || starts("msf1", 4, 8))) {
        return isobmff(read);
    }
    return unknownFormat();
}

Result<ImageSize> limited(Result<ImageSize> size, std::uint64_t maxPixels) {
    if (!size) return size;
    if (size->pixels() > maxPixels) {
        return makeError("image.too_many_pixels",
                         "the image declares " + std::to_string(size->width) + " × " + std::to_string(size->height) +
                             " pixels (" + std::to_string(size->pixels() / 1'000'000) + " MP); the limit is " +
                             std::to_string(maxPixels / 1'000'000) + " MP");
    }
    return size;
}

} // namespace

Result<ImageSize> readImageSize(std::span<const std::uint8_t> bytes) {
    return readWith([bytes](std::uint64_t offset, std::uint8_t* out, std::size_t n) -> std::size_t {
        if (offset >= bytes.size()) return 0;
        const std::size_t got = std::min<std::uint64_t>(n, bytes.size() - offset);
        std::memcpy(out, bytes.data() + offset, got);
        return got;
    });
}

Result<ImageSize> readImageSize(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        return makeError("image.unreadable", file.string() + ": not a file");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError("image.unreadable", file.string() + ": cannot be read");
    auto size = readWith([&in](std::uint64_t offset, std::uint8_t* out, std::size_t n) -> std::size_t {
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        if (!in) return 0;
        in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n));
        return static_cast<std::size_t>(in.gcount());
    });
    if (!size) return makeError(size.error().code, file.string() + ": " + size.error().message);
    return size;
}

Result<ImageSize> checkImagePixels(std::span<const std::uint8_t> bytes, std::uint64_t maxPixels) {
    return limited(readImageSize(bytes), maxPixels);
}

Result<ImageSize> checkImagePixels(const std::filesystem::path& file, std::uint64_t maxPixels) {
    auto size = limited(readImageSize(file), maxPixels);
    if (!size && size.error().code == "image.too_many_pixels") {
        return makeError(size.error().code, file.string() + ": " + size.error().message);
    }
    return size;
}

void setDecoderPixelLimit(std::uint64_t maxPixels) {
    ::setenv("OPENCV_IO_MAX_IMAGE_PIXELS", std::to_string(maxPixels).c_str(), /*overwrite=*/0);
}

} // namespace bhxh::image
