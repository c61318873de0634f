#pragma once
#include "common/result.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bhxh::face {

/// How an evaluation photo is made to look like an ID-card photo or a webcam frame.
struct DegradeOptions {
    int width = 360;            ///< resized to this width, aspect kept
    double blurSigma = 1.2;     ///< Gaussian blur
    int jpegQuality = 40;
    double saturation = 0.5;    ///< multiplies HSV saturation
};

/// Returns a degraded JPEG of the encoded image (face-eval, tests). Error face.unreadable_image.
[[nodiscard]] Result<std::vector<std::uint8_t>> degradeImage(std::span<const std::uint8_t> encoded,
                                                             const DegradeOptions& options = {});

/// Returns the image rotated clockwise by 90, 180 or 270 degrees, as PNG (tests: rotated ID photo).
[[nodiscard]] Result<std::vector<std::uint8_t>> rotateImage(std::span<const std::uint8_t> encoded, int degrees);

} // namespace bhxh::face
