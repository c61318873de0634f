#pragma once
// Internal to face_cv: decoding with limits. Includes OpenCV, so only adapters/ use it.
#include "common/image_header.h"
#include "common/result.h"

#include <cstdint>
#include <opencv2/core.hpp>
#include <span>

namespace bhxh::face {

/// Limits that turn a corrupt or huge upload into a clear error instead of a stall.
struct ImageLimits {
    std::size_t maxBytes = 25u * 1024u * 1024u;  ///< encoded size
    int maxSide = 1600;                          ///< longer side after decoding; larger is shrunk
    std::uint64_t maxPixels = image::kDefaultMaxPixels;  ///< width × height the header may declare
};

/// A decoded image, always 3-channel BGR.
struct DecodedImage {
    cv::Mat bgr;
    bool grayscale = false;
    bool downscaled = false;
};

/// Errors: face.unreadable_image (empty, corrupt, not an image), face.image_too_large (bytes,
/// or pixels declared in the header: checked before decoding).
[[nodiscard]] Result<DecodedImage> decodeImage(std::span<const std::uint8_t> encoded, const ImageLimits& limits);

} // namespace bhxh::face
