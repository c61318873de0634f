#include "scan/qr_decoder.h"

#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <opencv2/imgproc.hpp>

namespace bhxh::scan {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

ZXing::DecodeHints cropHints(ZXing::Binarizer binarizer) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(true);
    hints.setTryRotate(false);   // QR finder patterns are rotation-invariant already
    hints.setTryDownscale(false);
    hints.setBinarizer(binarizer);
    hints.setMaxNumberOfSymbols(1);
    return hints;
}

ZXing::DecodeHints fullFrameHints() {
    ZXing::DecodeHints hints;  // ZXing's defaults: tryHarder, tryRotate, tryDownscale
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setMaxNumberOfSymbols(1);
    return hints;
}

// A region of the frame rescaled for ZXing, and how to map its points back.
struct View {
    cv::Mat image;
    cv::Point2f offset;
    double scale = 1.0;
};

std::optional<QrDetection> read(const View& view, const ZXing::DecodeHints& hints, const char* strategy) {
    CV_Assert(view.image.type() == CV_8UC1);
    const ZXing::ImageView zx(view.image.data, view.image.cols, view.image.rows, ZXing::ImageFormat::Lum,
                              static_cast<int>(view.image.step));
    const ZXing::Result result = ZXing::ReadBarcode(zx, hints);
    if (!result.isValid()) return std::nullopt;
    QrDetection detection;
    detection.text = result.text();
    const auto& position = result.position();
    for (std::size_t i = 0; i < 4; ++i) {
        detection.corners[i] = cv::Point2f(static_cast<float>(position[i].x / view.scale) + view.offset.x,
                                           static_cast<float>(position[i].y / view.scale) + view.offset.y);
    }
    detection.strategy = strategy;
    return detection;
}

View cropView(const cv::Mat& gray, const cv::Rect& box, int targetPx, double maxUpscale) {
    View view;
    view.offset = cv::Point2f(static_cast<float>(box.x), static_cast<float>(box.y));
    const int longer = std::max(box.width, box.height);
    view.scale = std::clamp(double(targetPx) / std::max(1, longer), 1.0, maxUpscale);
    if (view.scale > 1.01) {
        // Cubic keeps module edges steeper than linear; small modules survive the upscale.
        cv::resize(gray(box), view.image, cv::Size(), view.scale, view.scale, cv::INTER_CUBIC);
    } else {
        view.scale = 1.0;
        view.image = gray(box).clone();
    }
    return view;
}

cv::Mat sharpened(const cv::Mat& src) {
    cv::Mat blurred, out;
    cv::GaussianBlur(src, blurred, cv::Size(0, 0), 2.0);
    cv::addWeighted(src, 2.0, blurred, -1.0, 0, out);
    return out;
}

cv::Mat equalised(const cv::Mat& src) {
    // Local contrast: glare washes out one side of the code; a phone screen lowers contrast.
    auto clahe = cv::createCLAHE(3.0, cv::Size(8, 8));
    cv::Mat out;
    clahe->apply(src, out);
    return out;
}

} // namespace

DecodeOutcome QrDecoder::decode(const cv::Mat& image) const {
    const auto start = Clock::now();
    DecodeOutcome outcome;
    if (image.empty() || image.depth() != CV_8U) {
        outcome.decodeMs = msSince(start);
        return outcome;
    }
    cv::Mat gray;
    if (image.channels() == 3) {
        cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    } else if (image.channels() == 4) {
        cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
    } else {
        gray = image;
    }

    const auto local = cropHints(ZXing::Binarizer::LocalAverage);
    const auto global = cropHints(ZXing::Binarizer::GlobalHistogram);
    const auto full = fullFrameHints();

    auto finish = [&](std::optional<QrDetection> hit) {
        outcome.detection = std::move(hit);
        outcome.decodeMs = msSince(start);
        return outcome;
    };
    auto step = [&](const View& view, const ZXing::DecodeHints& hints, const char* name) -> std::optional<QrDetection> {
        ++outcome.steps;
        return read(view, hints, name);
    };
    auto withinBudget = [&] { return msSince(start) < m_options.budgetMs; };

    // 1. Located crops, rescaled: cheap, and the cure for small modules in big frames.
    const std::vector<cv::Rect> boxes = m_locator.locate(gray);
    std::vector<View> crops;
    crops.reserve(boxes.size());
    for (const auto& box : boxes) {
        crops.push_back(cropView(gray, box, m_options.cropTargetPx, m_options.maxUpscale));
        if (auto hit = step(crops.back(), local, "crop")) return finish(hit);
        if (!withinBudget()) return finish(std::nullopt);
    }

    // 2. The whole frame as ZXing reads it by default (the locator may have missed the code).
    if (m_options.fullFrameFallback) {
        if (auto hit = step(View{gray, {0, 0}, 1.0}, full, "full")) return finish(hit);
    }

    // 3. Harder variants of each crop: a global threshold (glare gradients fool local ones),
    //    sharpening (defocus, motion), local contrast (glare, dim phone screens).
    using Variant = std::function<cv::Mat(const cv::Mat&)>;
    const std::pair<const char*, Variant> variants[] = {
        {"crop-sharpen", sharpened},
        {"crop-clahe", equalised},
    };
    for (const auto& crop : crops) {
        if (!withinBudget()) break;
        if (auto hit = step(crop, global, "crop-global")) return finish(hit);
        for (const auto& [name, make] : variants) {
            if (!withinBudget()) break;
            View v = crop;
            v.image = make(crop.image);
            if (auto hit = step(v, local, name)) return finish(hit);
        }
    }
    return finish(std::nullopt);
}

} // namespace bhxh::scan
