#pragma once
#include "scan/qr_locator.h"

#include <array>
#include <optional>
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>
#include <string>

namespace bhxh::scan {

/// A QR code read from a frame.
struct QrDetection {
    std::string text;                        ///< the payload, UTF-8 as ZXing decoded it
    std::string bytes;                       ///< the raw content bytes, no character-set conversion
    std::array<cv::Point2f, 4> corners{};    ///< top-left, top-right, bottom-right, bottom-left, in frame pixels
    std::string strategy;                    ///< which step of the cascade read it (for the benchmark)
};

/// The outcome of one decode() call, hit or miss.
struct DecodeOutcome {
    std::optional<QrDetection> detection;
    double decodeMs = 0;   ///< wall time of the whole cascade
    int steps = 0;         ///< cascade steps tried
};

/// Reads one QR code from a camera frame with ZXing-C++ (and zbar as a last resort). A bounded
/// cascade: the code is first located cheaply and its crop decoded rescaled (small modules in
/// big frames), then the whole frame with ZXing's defaults, then crops sharpened (blur) or
/// contrast-equalised (glare, phone screens), then the last resorts: inverted (light-on-dark),
/// other scales and thresholds, zbar (curved surfaces) — stopping at the first hit or when the
/// time budget is spent.
class QrDecoder {
public:
    struct Options {
        double budgetMs = 60;          ///< no new step starts after this much time
        int cropTargetPx = 480;        ///< a smaller crop is upscaled so its longer side is about this
        double maxUpscale = 4.0;
        bool fullFrameFallback = true; ///< ZXing defaults on the whole frame when crops fail
        /// Up to this many pixels (800 × 800: a photo, a scanner's picture) the last resorts
        /// (inverted, half size, global and Otsu thresholds, zbar) run on the whole picture;
        /// above it (a 720p or 1080p camera frame) only on the best located crop.
        int wholeFramePixels = 800 * 800;
    };

    QrDecoder() = default;
    explicit QrDecoder(Options options) : m_options(options) {}

    /// Decodes image (BGR, BGRA or gray, 8 bit). Thread-safe (no shared mutable state).
    [[nodiscard]] DecodeOutcome decode(const cv::Mat& image) const;

private:
    Options m_options;
    QrLocator m_locator;
};

} // namespace bhxh::scan
