#include "face/adapters/image_degrader.h"

#include "face/adapters/image_source.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace bhxh::face {

Result<std::vector<std::uint8_t>> degradeImage(std::span<const std::uint8_t> encoded, const DegradeOptions& options) {
    auto decoded = decodeImage(encoded, ImageLimits{});
    if (!decoded) return decoded.error();
    cv::Mat img = decoded->bgr;
    const double f = double(options.width) / double(img.cols);
    cv::Mat small;
    cv::resize(img, small, cv::Size(options.width, std::max(1, static_cast<int>(img.rows * f + 0.5))), 0, 0,
               f < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat blurred;
    cv::GaussianBlur(small, blurred, cv::Size(0, 0), options.blurSigma);
    cv::Mat hsv;
    cv::cvtColor(blurred, hsv, cv::COLOR_BGR2HSV);
    std::vector<cv::Mat> ch;
    cv::split(hsv, ch);
    ch[1].convertTo(ch[1], CV_8U, options.saturation);
    cv::merge(ch, hsv);
    cv::Mat out;
    cv::cvtColor(hsv, out, cv::COLOR_HSV2BGR);
    std::vector<std::uint8_t> jpeg;
    cv::imencode(".jpg", out, jpeg, {cv::IMWRITE_JPEG_QUALITY, options.jpegQuality});
    return jpeg;
}

Result<std::vector<std::uint8_t>> rotateImage(std::span<const std::uint8_t> encoded, int degrees) {
    auto decoded = decodeImage(encoded, ImageLimits{});
    if (!decoded) return decoded.error();
    cv::Mat out;
    switch (degrees) {
    case 90: cv::rotate(decoded->bgr, out, cv::ROTATE_90_CLOCKWISE); break;
    case 180: cv::rotate(decoded->bgr, out, cv::ROTATE_180); break;
    case 270: cv::rotate(decoded->bgr, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: out = decoded->bgr;
    }
    std::vector<std::uint8_t> png;
    cv::imencode(".png", out, png);
    return png;
}

} // namespace bhxh::face
