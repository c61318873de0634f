#include "scan/qr_decoder.h"

// zbar first: ZXing 1.4's Error.h defines macros (FormatError, UnsupportedError) that break zbar's C++ header.
#include <zbar.h>

#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <opencv2/imgproc.hpp>

namespace bhxh::scan {
namespace {

using Clock = std::chrono::steady_clock;

// A picture smaller than this on either side is not halved (a version-1 code at 2 px a module
// is 42 px with its quiet zone).
constexpr int kMinSidePx = 120;

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
    detection.bytes.assign(result.bytes().begin(), result.bytes().end());
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

// zbar's QR reader fits its sampling grid to the timing and alignment patterns: it reads codes
// on curved or crumpled surfaces and heavily thresholded pictures that ZXing 1.4's
// perspective-only grid cannot. The first QR symbol, corners mapped back like ZXing's.
std::optional<QrDetection> readZbar(const View& view, const char* strategy) {
    CV_Assert(view.image.type() == CV_8UC1 && view.image.isContinuous());
    zbar::ImageScanner scanner;
    scanner.set_config(zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    scanner.set_config(zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    zbar::Image image(static_cast<unsigned>(view.image.cols), static_cast<unsigned>(view.image.rows), "Y800",
                      view.image.data, static_cast<unsigned long>(view.image.total()));
    if (scanner.scan(image) <= 0) return std::nullopt;
    const auto symbol = image.symbol_begin();
    if (symbol == image.symbol_end() || symbol->get_data().empty()) return std::nullopt;
    QrDetection detection;
    detection.text = symbol->get_data();
    detection.bytes = detection.text;
    const int points = std::min(symbol->get_location_size(), 4);
    for (int i = 0; i < points; ++i) {
        detection.corners[static_cast<std::size_t>(i)] =
            cv::Point2f(static_cast<float>(symbol->get_location_x(static_cast<unsigned>(i)) / view.scale) + view.offset.x,
                        static_cast<float>(symbol->get_location_y(static_cast<unsigned>(i)) / view.scale) + view.offset.y);
    }
    detection.strategy = strategy;
    return detection;
}

cv::Mat inverted(const cv::Mat& src) {
    cv::Mat out;
    cv::bitwise_not(src, out);
    return out;
}

cv::Mat otsu(const cv::Mat& src) {
    cv::Mat out;
    cv::threshold(src, out, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    return out;
}

cv::Mat blurred(const cv::Mat& src) {
    cv::Mat out;
    cv::GaussianBlur(src, out, cv::Size(0, 0), 1.0);
    return out;
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

    // 4. Last resorts, for what ZXing's usual binarisation cannot read: a light-on-dark code
    //    (inverted), a picture too noisy or too fine at its own scale (half size, a global or
    //    Otsu threshold, blurred), a code on a curved or crumpled surface (zbar). A small
    //    picture (a photo, a scanner's image) gets them whole; a camera frame only on its best
    //    located crop, so that a frame without a code stays cheap.
    const bool small = gray.total() <= static_cast<std::size_t>(m_options.wholeFramePixels);
    if (small) {
        const View frame{gray, {0, 0}, 1.0};
        if (withinBudget()) {  // first: it reads the most of these, and cheaply at this size
            ++outcome.steps;
            if (auto hit = readZbar(frame.image.isContinuous() ? frame : View{gray.clone(), {0, 0}, 1.0}, "zbar"))
                return finish(hit);
        }
        if (withinBudget()) {
            View v = frame;
            v.image = inverted(gray);
            if (auto hit = step(v, full, "inverted")) return finish(hit);
        }
        if (withinBudget() && std::min(gray.cols, gray.rows) >= 2 * kMinSidePx) {
            View v{cv::Mat(), {0, 0}, 0.5};
            cv::resize(gray, v.image, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
            if (auto hit = step(v, local, "half")) return finish(hit);
        }
        if (withinBudget()) {
            if (auto hit = step(frame, global, "global")) return finish(hit);
        }
        if (withinBudget()) {
            View v = frame;
            v.image = otsu(gray);
            if (auto hit = step(v, local, "otsu")) return finish(hit);
        }
        if (withinBudget()) {
            View v = frame;
            v.image = blurred(gray);
            if (auto hit = step(v, global, "blur-global")) return finish(hit);
        }
        return finish(std::nullopt);
    }
    // A camera frame: the best located crop only (a frame without a code ends here).
    if (!crops.empty()) {
        const View& crop = crops.front();
        View v = crop;
        if (withinBudget()) {
            v.image = inverted(crop.image);
            if (auto hit = step(v, local, "crop-inverted")) return finish(hit);
        }
        if (withinBudget()) {
            // zbar's cost grows with the area, and it needs less upscaling than ZXing: at most 2×.
            const View z = crop.scale > 2.0 ? cropView(gray, boxes.front(), m_options.cropTargetPx, 2.0) : crop;
            ++outcome.steps;
            if (auto hit = readZbar(z, "crop-zbar")) return finish(hit);
        }
    }
    return finish(std::nullopt);
}

} // namespace bhxh::scan
