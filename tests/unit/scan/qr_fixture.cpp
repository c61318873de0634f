#include "qr_fixture.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <cmath>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace bhxh::scan::fixture {

const char* const kCccdExample =
    "079090001234|025123456|Nguyễn Văn An|15031990|Nam|12 Đường Số 1, Phường 10, Quận 6, TP. Hồ Chí Minh|10052021";
const char* const kBhytExample =
    "7912345678|4e677579e1bb856e2056c4836e20416e|15/03/1990|1|-|79 - 001|01/01/2025|-|20/01/2025|79167912345678|-|4|"
    "01/01/2030|0123456789abcdef-1202|4|5175e1baad6e20362c205468c3a06e68207068e1bb912048e1bb93204368c3ad204d696e68|$";

cv::Mat qrModules(const std::string& text) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setEncoding(ZXing::CharacterSet::UTF8).setEccLevel(4).setMargin(0);  // level 4 of 8 = M
    const ZXing::BitMatrix bits = writer.encode(text, 0, 0);
    const int n = bits.width();
    cv::Mat out(n + 8, n + 8, CV_8UC1, cv::Scalar(255));
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            if (bits.get(x, y)) out.at<uchar>(y + 4, x + 4) = 0;
    return out;
}

namespace {

cv::Point2f project(const cv::Point3f& p, double f, double dist) {
    const double z = p.z + dist;
    return {static_cast<float>(f * p.x / z), static_cast<float>(f * p.y / z)};
}

// Rotates points (centred on the origin) about y by tilt, about x by tilt/2, about z by roll.
cv::Point3f rotate(cv::Point3f p, double tilt, double roll) {
    const double ay = tilt, ax = tilt / 2, az = roll;
    cv::Point3f q{static_cast<float>(p.x * std::cos(ay) + p.z * std::sin(ay)), p.y,
                  static_cast<float>(-p.x * std::sin(ay) + p.z * std::cos(ay))};
    cv::Point3f r{q.x, static_cast<float>(q.y * std::cos(ax) - q.z * std::sin(ax)),
                  static_cast<float>(q.y * std::sin(ax) + q.z * std::cos(ax))};
    return {static_cast<float>(r.x * std::cos(az) - r.y * std::sin(az)),
            static_cast<float>(r.x * std::sin(az) + r.y * std::cos(az)), r.z};
}

void clutter(cv::Mat& img, cv::RNG& rng) {
    for (int y = 0; y < img.rows; ++y) {
        const double t = double(y) / img.rows;
        img.row(y).setTo(cv::Scalar(90 + 60 * t, 100 + 40 * t, 110 + 30 * t));
    }
    for (int i = 0; i < 40; ++i) {
        cv::Point a(rng.uniform(0, img.cols), rng.uniform(0, img.rows));
        cv::Point b(a.x + rng.uniform(-300, 300), a.y + rng.uniform(-200, 200));
        const cv::Scalar c(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255));
        if (i % 3 == 0) cv::rectangle(img, a, b, c, cv::FILLED);
        else if (i % 3 == 1) cv::line(img, a, b, c, rng.uniform(1, 6));
        else cv::putText(img, "BHXH 2026 Quan 6", a, cv::FONT_HERSHEY_SIMPLEX, rng.uniform(0.5, 2.0), c, 2);
    }
}

} // namespace

SyntheticFrame makeFrame(const std::string& text, const FrameSpec& spec) {
    cv::RNG rng(spec.seed);
    const cv::Mat modules = qrModules(text);
    const int n = modules.cols;     // with quiet zone
    const int ppm = 8;              // render scale: pixels per module before the camera's view
    const int symbolPx = n * ppm;

    // The carrier, in render pixels: a plastic card or a phone with the code on its screen.
    cv::Mat carrier;
    cv::Rect codeAt;
    if (spec.phoneScreen) {
        const int w = symbolPx + 6 * ppm, h = static_cast<int>(w * 2.0);
        carrier = cv::Mat(h, w, CV_8UC3, cv::Scalar(25, 25, 30));
        const cv::Rect screen(2 * ppm, 6 * ppm, w - 4 * ppm, h - 12 * ppm);
        carrier(screen).setTo(cv::Scalar(250, 245, 235));
        cv::rectangle(carrier, cv::Rect(screen.x, screen.y, screen.width, 10 * ppm), cv::Scalar(200, 120, 20), cv::FILLED);
        codeAt = cv::Rect(screen.x + (screen.width - symbolPx) / 2, screen.y + 14 * ppm, symbolPx, symbolPx);
    } else {
        const int w = static_cast<int>(symbolPx * 2.4), h = static_cast<int>(w * 0.63);
        carrier = cv::Mat(h, w, CV_8UC3, cv::Scalar(235, 240, 245));
        for (int i = 0; i < 6; ++i) {
            cv::putText(carrier, "CAN CUOC CONG DAN", cv::Point(ppm * 3, ppm * (8 + 8 * i)), cv::FONT_HERSHEY_SIMPLEX,
                        ppm * 0.12, cv::Scalar(60, 40, 40), std::max(1, ppm / 4));
        }
        codeAt = cv::Rect(w - symbolPx - 2 * ppm, (h - symbolPx) / 2, symbolPx, symbolPx);
    }
    cv::Mat big;
    cv::resize(modules, big, cv::Size(symbolPx, symbolPx), 0, 0, cv::INTER_NEAREST);
    cv::Mat bigBgr;
    cv::cvtColor(big, bigBgr, cv::COLOR_GRAY2BGR);
    if (spec.phoneScreen) bigBgr = bigBgr * 0.92 + cv::Scalar(18, 16, 10);  // screens never show true black/white
    bigBgr.copyTo(carrier(codeAt));

    // Down to the camera's scale, then a perspective view placed in the frame.
    const double s = spec.modulePx / ppm;
    cv::Mat small;
    cv::resize(carrier, small, cv::Size(), s, s, cv::INTER_AREA);
    if (spec.phoneScreen) {
        // The screen's pixel grid beating against the camera's sensor: faint moiré stripes.
        cv::Mat stripes(small.size(), CV_32F);
        for (int y = 0; y < stripes.rows; ++y)
            for (int x = 0; x < stripes.cols; ++x)
                stripes.at<float>(y, x) = static_cast<float>(12 * std::sin(0.9 * x + 0.35 * y));
        cv::Mat f;
        small.convertTo(f, CV_32FC3);
        std::vector<cv::Mat> ch;
        cv::split(f, ch);
        for (auto& c : ch) c += stripes;
        cv::merge(ch, f);
        f.convertTo(small, CV_8UC3);
    }
    const double f = spec.size.width * 1.2;
    const double tilt = spec.tiltDeg * CV_PI / 180, roll = spec.rollDeg * CV_PI / 180;
    const cv::Point2f centre(static_cast<float>(spec.size.width / 2 + rng.uniform(-0.1, 0.1) * spec.size.width),
                             static_cast<float>(spec.size.height / 2 + rng.uniform(-0.1, 0.1) * spec.size.height));
    auto view = [&](cv::Point2f p) {  // small-carrier pixel → frame pixel
        const cv::Point3f q = rotate({p.x - static_cast<float>(small.cols) / 2.f, p.y - static_cast<float>(small.rows) / 2.f, 0.f}, tilt, roll);
        return project(q, f, f) + centre;
    };
    const std::array<cv::Point2f, 4> src{cv::Point2f(0, 0), cv::Point2f(float(small.cols), 0),
                                         cv::Point2f(float(small.cols), float(small.rows)), cv::Point2f(0, float(small.rows))};
    std::array<cv::Point2f, 4> dst;
    for (int i = 0; i < 4; ++i) dst[i] = view(src[i]);
    const cv::Mat h = cv::getPerspectiveTransform(src.data(), dst.data());

    SyntheticFrame out;
    out.image = cv::Mat(spec.size, CV_8UC3);
    clutter(out.image, rng);
    cv::Mat mask(small.size(), CV_8UC1, cv::Scalar(255));
    cv::Mat warped, warpedMask;
    cv::warpPerspective(small, warped, h, spec.size, cv::INTER_LINEAR);
    cv::warpPerspective(mask, warpedMask, h, spec.size, cv::INTER_LINEAR);
    warped.copyTo(out.image, warpedMask);

    // Ground truth: the symbol without its quiet zone.
    const float q = static_cast<float>(4 * ppm * s), side = static_cast<float>((n - 8) * ppm * s);
    const cv::Point2f o(static_cast<float>(codeAt.x * s), static_cast<float>(codeAt.y * s));
    const std::array<cv::Point2f, 4> sym{o + cv::Point2f(q, q), o + cv::Point2f(q + side, q),
                                         o + cv::Point2f(q + side, q + side), o + cv::Point2f(q, q + side)};
    std::vector<cv::Point2f> in(sym.begin(), sym.end()), mapped;
    cv::perspectiveTransform(in, mapped, h);
    for (int i = 0; i < 4; ++i) out.corners[i] = mapped[i];

    if (spec.glare > 0) {
        // A soft bright spot on one side of the code, as a ceiling light on laminated plastic.
        const cv::Point2f c = (mapped[0] * 0.3f + mapped[2] * 0.7f);
        const double radius = cv::norm(mapped[0] - mapped[2]) * 0.35;
        cv::Mat spot(spec.size, CV_32F, cv::Scalar(0));
        cv::circle(spot, c, static_cast<int>(radius), cv::Scalar(1), cv::FILLED);
        cv::GaussianBlur(spot, spot, cv::Size(0, 0), radius * 0.5);
        cv::Mat fimg;
        out.image.convertTo(fimg, CV_32FC3);
        std::vector<cv::Mat> ch;
        cv::split(fimg, ch);
        for (auto& chan : ch) chan += spot * (255.0 * spec.glare);
        cv::merge(ch, fimg);
        fimg.convertTo(out.image, CV_8UC3);
    }
    if (spec.blurSigma > 0) cv::GaussianBlur(out.image, out.image, cv::Size(0, 0), spec.blurSigma);
    if (spec.noiseSigma > 0) {
        cv::Mat noise(spec.size, CV_16SC3);
        rng.fill(noise, cv::RNG::NORMAL, 0, spec.noiseSigma);
        cv::Mat wide;
        out.image.convertTo(wide, CV_16SC3);
        wide += noise;
        wide.convertTo(out.image, CV_8UC3);
    }
    if (spec.jpegQuality > 0) {
        std::vector<uchar> buf;
        cv::imencode(".jpg", out.image, buf, {cv::IMWRITE_JPEG_QUALITY, spec.jpegQuality});
        out.image = cv::imdecode(buf, cv::IMREAD_COLOR);
    }
    return out;
}

std::vector<std::string> fictionalPayloads(int n) {
    static const char* const names[] = {"Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Phúc", "Phạm Thị Hồng Nhung",
                                        "Võ Minh Đức", "Đặng Thu Hà", "Bùi Quốc Trung", "Huỳnh Ngọc Ánh"};
    static const char* const hexNames[] = {"4e677579e1bb856e2056c4836e20416e", "5472e1baa76e20546869204e67e1bb8d63",
                                           "4cc3aa20486fc3a06e67205068c3ba63"};
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "0790%02d%06d", 80 + i % 20, 100000 + i * 37);
        if (i % 2 == 0) {
            out.push_back(std::string(id) + "|" + (i % 4 == 0 ? "025123456" : "") + "|" + names[i % 8] + "|1503" +
                          std::to_string(1980 + i % 20) + "|" + (i % 3 ? "Nam" : "Nữ") + "|" + std::to_string(10 + i) +
                          " Đường Số " + std::to_string(i % 9 + 1) + ", Phường 10, Quận 6, TP. Hồ Chí Minh|10052021" +
                          (i % 6 == 0 ? "||||" : ""));
        } else {
            char code[16];
            std::snprintf(code, sizeof code, "79%08d", 10000000 + i * 91);
            out.push_back(std::string(code) + "|" + hexNames[i % 3] + "|15/03/1990|1|-|79 - 001|01/01/2025|-|20/01/2025|" +
                          "7916" + code + "|-|4|01/01/2030|0123456789abcdef-1202|4|" +
                          "5175e1baad6e20362c205468c3a06e68207068e1bb912048e1bb93204368c3ad204d696e68|$");
        }
    }
    return out;
}

} // namespace bhxh::scan::fixture
