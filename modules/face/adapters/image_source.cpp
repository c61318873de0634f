#include "face/adapters/image_source.h"

#include <algorithm>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace bhxh::face {
namespace {

// True when the three channels are (almost) identical: a grey photo saved as colour JPEG.
bool looksGrey(const cv::Mat& bgr) {
    cv::Mat small;
    cv::resize(bgr, small, cv::Size(64, 64), 0, 0, cv::INTER_AREA);
    std::vector<cv::Mat> ch;
    cv::split(small, ch);
    cv::Mat d1, d2;
    cv::absdiff(ch[0], ch[1], d1);
    cv::absdiff(ch[1], ch[2], d2);
    return cv::mean(d1)[0] < 2.0 && cv::mean(d2)[0] < 2.0;
}

} // namespace

Result<DecodedImage> decodeImage(std::span<const std::uint8_t> encoded, const ImageLimits& limits) {
    if (encoded.empty()) return makeError("face.unreadable_image", "the image is empty");
    if (encoded.size() > limits.maxBytes) {
        return makeError("face.image_too_large", "the image is " + std::to_string(encoded.size() / (1024 * 1024)) +
                                                     " MiB; the limit is " +
                                                     std::to_string(limits.maxBytes / (1024 * 1024)) + " MiB");
    }
    // Width × height from the header before decoding: a small file may declare a huge image.
    if (auto size = image::checkImagePixels(encoded, limits.maxPixels); !size) {
        const bool tooLarge = size.error().code == "image.too_many_pixels";
        return makeError(tooLarge ? "face.image_too_large" : "face.unreadable_image", size.error().message);
    }
    cv::Mat raw;
    try {
        const cv::Mat buffer(1, static_cast<int>(encoded.size()), CV_8UC1, const_cast<std::uint8_t*>(encoded.data()));
        raw = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception&) {
        raw.release();
    }
    if (raw.empty()) return makeError("face.unreadable_image", "not a readable image (corrupt or unsupported format)");
    if (raw.depth() != CV_8U) {
        cv::Mat scaled;
        raw.convertTo(scaled, CV_8U, raw.depth() == CV_16U ? 1.0 / 256.0 : 1.0);
        raw = scaled;
    }
    DecodedImage out;
    switch (raw.channels()) {
    case 1: cv::cvtColor(raw, out.bgr, cv::COLOR_GRAY2BGR); out.grayscale = true; break;
    case 3: out.bgr = raw; out.grayscale = looksGrey(raw); break;
    case 4: cv::cvtColor(raw, out.bgr, cv::COLOR_BGRA2BGR); out.grayscale = looksGrey(out.bgr); break;
    default: return makeError("face.unreadable_image", "unsupported channel count " + std::to_string(raw.channels()));
    }
    const int side = std::max(out.bgr.cols, out.bgr.rows);
    if (side > limits.maxSide) {
        const double f = double(limits.maxSide) / double(side);
        cv::Mat small;
        cv::resize(out.bgr, small, cv::Size(), f, f, cv::INTER_AREA);
        out.bgr = small;
        out.downscaled = true;
    }
    return out;
}

} // namespace bhxh::face
