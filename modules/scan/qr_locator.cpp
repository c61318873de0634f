#include "scan/qr_locator.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace bhxh::scan {

std::vector<cv::Rect> QrLocator::locate(const cv::Mat& gray) const {
    std::vector<cv::Rect> out;
    if (gray.empty()) return out;
    const double scale = gray.cols > m_options.workWidth ? double(m_options.workWidth) / gray.cols : 1.0;
    cv::Mat small;
    if (scale < 1.0) {
        cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    } else {
        small = gray;
    }

    // Edge density: a QR is light/dark changes in both directions everywhere inside it.
    cv::Mat grad;
    cv::morphologyEx(small, grad, cv::MORPH_GRADIENT, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
    cv::Mat edges;
    cv::threshold(grad, edges, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::Mat density;
    cv::boxFilter(edges, density, -1, {7, 7});
    cv::Mat dense;
    cv::threshold(density, dense, 255 * 0.45, 255, cv::THRESH_BINARY);
    // Open first: it cuts the thin bands of dense edges (a phone's bezel, a card's border) that
    // would otherwise join the code's block into one long region; then close its gaps.
    cv::morphologyEx(dense, dense, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
    cv::morphologyEx(dense, dense, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));

    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(dense, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);

    struct Scored {
        cv::Rect box;
        double score;
    };
    std::vector<Scored> scored;
    const double minSide = 12.0;  // work pixels: a v1 code at 2 px/module, shrunk 3×
    for (const auto& contour : contours) {
        const cv::RotatedRect rotated = cv::minAreaRect(contour);
        const double w = rotated.size.width;
        const double h = rotated.size.height;
        if (std::min(w, h) < minSide) continue;
        const double aspect = std::max(w, h) / std::max(1.0, std::min(w, h));
        if (aspect > 4.0) continue;  // text lines and edges are long and thin
        const double area = cv::contourArea(contour);
        const double fill = area / std::max(1.0, w * h);
        if (fill < 0.5) continue;
        // Square blocks first. An elongated block is still worth a look, later: a code on a
        // phone screen merges with the screen's moiré into one tall region.
        const double squareness = aspect <= 2.0 ? 1.0 : 0.1;
        scored.push_back({cv::boundingRect(contour), squareness * area * fill / aspect});
    }
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });

    const cv::Rect frame(0, 0, gray.cols, gray.rows);
    for (const auto& s : scored) {
        if (static_cast<int>(out.size()) >= m_options.maxCandidates) break;
        const double mx = s.box.width * m_options.margin + 2;
        const double my = s.box.height * m_options.margin + 2;
        cv::Rect box(static_cast<int>(std::floor((s.box.x - mx) / scale)),
                     static_cast<int>(std::floor((s.box.y - my) / scale)),
                     static_cast<int>(std::ceil((s.box.width + 2 * mx) / scale)),
                     static_cast<int>(std::ceil((s.box.height + 2 * my) / scale)));
        box &= frame;
        if (box.area() > 0) out.push_back(box);
    }
    return out;
}

} // namespace bhxh::scan
