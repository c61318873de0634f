#pragma once
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>
#include <vector>

namespace bhxh::scan {

/// Finds where QR codes probably are, cheaply: on a downscaled copy, a QR is a compact square
/// block of dense edges. The decoder then reads only those crops, rescaled so that small
/// modules become big enough for ZXing.
class QrLocator {
public:
    struct Options {
        int workWidth = 640;      ///< the frame is shrunk to at most this width first
        int maxCandidates = 3;
        double margin = 0.18;     ///< added around each region (the quiet zone, a cut-off corner)
    };

    QrLocator() = default;
    explicit QrLocator(Options options) : m_options(options) {}

    /// Candidate regions in full-frame pixel coordinates, best first. gray is 8-bit, 1 channel.
    [[nodiscard]] std::vector<cv::Rect> locate(const cv::Mat& gray) const;

private:
    Options m_options;
};

} // namespace bhxh::scan
