#pragma once
#include "common/result.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace bhxh::image {

/// An image's size as its header declares it, read without decoding a pixel.
struct ImageSize {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::string format;  ///< "png", "jpeg", "webp", "bmp", "tiff", "pnm", "jp2" (JP2 file or J2K codestream), "gif", "avif" (AVIF or HEIF)
    [[nodiscard]] std::uint64_t pixels() const { return std::uint64_t(width) * height; }
};

/// 40 megapixels: a 4K camera frame (8.3 MP) and any portal photo with room to spare.
inline constexpr std::uint64_t kDefaultMaxPixels = 40'000'000;

/// Reads width × height from a PNG, JPEG, WebP, BMP, TIFF, PGM/PPM, JPEG 2000 (JP2 / J2K), GIF or AVIF/HEIF header in `bytes` (the
/// whole file, or at least its start; a bounded number of steps). Errors: image.unknown_format,
/// image.bad_header.
Result<ImageSize> readImageSize(std::span<const std::uint8_t> bytes);
/// The same for a file, reading only the parts the header needs.
Result<ImageSize> readImageSize(const std::filesystem::path& file);

/// readImageSize, then image.too_many_pixels when width × height is above maxPixels (a
/// decompression bomb: a 1 MB PNG may declare 30000 × 30000). Call before any decoder.
Result<ImageSize> checkImagePixels(std::span<const std::uint8_t> bytes, std::uint64_t maxPixels);
Result<ImageSize> checkImagePixels(const std::filesystem::path& file, std::uint64_t maxPixels);

/// Sets OpenCV's own limit (OPENCV_IO_MAX_IMAGE_PIXELS) in the environment, unless already
/// set, as a second fence; call once at start, before the first imread/imdecode.
void setDecoderPixelLimit(std::uint64_t maxPixels);

} // namespace bhxh::image
