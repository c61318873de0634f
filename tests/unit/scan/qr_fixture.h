#pragma once
// Synthetic camera frames with a QR code of a fictional payload, for the scan tests and the
// benchmark: real ZXing encoding, real OpenCV rendering (card, tilt, blur, noise, glare, JPEG).
#include <array>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace bhxh::scan::fixture {

/// The QR symbol of text (UTF-8, ECC level M), one pixel per module, 4-module quiet zone;
/// 0 = dark, 255 = light.
cv::Mat qrModules(const std::string& text);

/// A look of the frame.
struct FrameSpec {
    cv::Size size{1280, 720};
    double modulePx = 4;       ///< pixels per module in the frame (before tilt)
    double tiltDeg = 0;        ///< rotation out of the image plane (perspective)
    double rollDeg = 0;        ///< rotation in the image plane
    double blurSigma = 0;
    double noiseSigma = 0;
    double glare = 0;          ///< 0…1: strength of a bright spot over part of the code
    int jpegQuality = 0;       ///< 0 = no JPEG round trip
    bool phoneScreen = false;  ///< the code on a phone screen (VssID) instead of a plastic card
    std::uint64_t seed = 1;
};

struct SyntheticFrame {
    cv::Mat image;                          ///< BGR
    std::array<cv::Point2f, 4> corners{};   ///< the symbol's corners (no quiet zone): TL, TR, BR, BL
};

/// Renders text as a QR code on a card (or phone) in a cluttered frame.
SyntheticFrame makeFrame(const std::string& text, const FrameSpec& spec);

/// The fictional CCCD and BHYT payloads of card-formats.md.
extern const char* const kCccdExample;
extern const char* const kBhytExample;
/// n fictional payloads, CCCD and BHYT alternating, Vietnamese names, about 150–250 bytes.
std::vector<std::string> fictionalPayloads(int n);

} // namespace bhxh::scan::fixture
