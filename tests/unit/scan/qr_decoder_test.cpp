#include "qr_fixture.h"
#include "scan/qr_decoder.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

using namespace bhxh::scan;

namespace {

// Every decoded corner lies within tol pixels of a true corner (ZXing may start at another one).
bool cornersMatch(const std::array<cv::Point2f, 4>& got, const std::array<cv::Point2f, 4>& truth, double tol) {
    for (const auto& g : got) {
        double best = 1e9;
        for (const auto& t : truth) best = std::min(best, cv::norm(g - t));
        if (best > tol) return false;
    }
    return true;
}

} // namespace

TEST_CASE("a clean card frame decodes, with the code's corners in frame pixels", "[decoder]") {
    fixture::FrameSpec spec;
    spec.size = {1280, 720};
    spec.modulePx = 4;
    const auto frame = fixture::makeFrame(fixture::kCccdExample, spec);
    const QrDecoder decoder;
    const auto out = decoder.decode(frame.image);
    REQUIRE(out.detection.has_value());
    CHECK(out.detection->text == fixture::kCccdExample);
    CHECK(cornersMatch(out.detection->corners, frame.corners, 4 * 4.0));  // within a few modules
    CHECK(out.decodeMs > 0);
    CHECK(out.steps >= 1);
}

TEST_CASE("hard frames decode: tilt, blur, noise, glare, JPEG 40, small modules, phone screen", "[decoder]") {
    struct Case {
        const char* name;
        fixture::FrameSpec spec;
    };
    auto spec = [](cv::Size size, double px, double tilt, double blur, double glare, bool phone) {
        fixture::FrameSpec s;
        s.size = size;
        s.modulePx = px;
        s.tiltDeg = tilt;
        s.rollDeg = 12;
        s.blurSigma = blur;
        s.noiseSigma = 5;
        s.glare = glare;
        s.jpegQuality = 40;
        s.phoneScreen = phone;
        return s;
    };
    const Case cases[] = {
        {"tilted 720p", spec({1280, 720}, 4, 28, 0.8, 0, false)},
        {"small modules in 1080p", spec({1920, 1080}, 3, 15, 0.8, 0, false)},
        {"glare", spec({1280, 720}, 4, 10, 0.6, 0.5, false)},
        {"blur", spec({1280, 720}, 5, 10, 1.5, 0, false)},
        {"phone screen", spec({1920, 1080}, 4, 15, 0.8, 0, true)},
    };
    const QrDecoder decoder;
    for (const auto& c : cases) {
        for (const char* payload : {fixture::kCccdExample, fixture::kBhytExample}) {
            INFO(c.name << " / " << payload);
            const auto frame = fixture::makeFrame(payload, c.spec);
            const auto out = decoder.decode(frame.image);
            REQUIRE(out.detection.has_value());
            CHECK(out.detection->text == payload);
            CHECK(cornersMatch(out.detection->corners, frame.corners, 4 * c.spec.modulePx));
        }
    }
}

TEST_CASE("a frame without a code is a miss, not an error; grayscale input works", "[decoder]") {
    cv::Mat empty(720, 1280, CV_8UC3, cv::Scalar(120, 130, 140));
    cv::putText(empty, "no code here", {100, 300}, cv::FONT_HERSHEY_SIMPLEX, 3, cv::Scalar(0, 0, 0), 5);
    const QrDecoder decoder;
    CHECK_FALSE(decoder.decode(empty).detection.has_value());
    CHECK_FALSE(decoder.decode(cv::Mat()).detection.has_value());

    fixture::FrameSpec spec;
    const auto frame = fixture::makeFrame(fixture::kBhytExample, spec);
    cv::Mat gray;
    cv::cvtColor(frame.image, gray, cv::COLOR_BGR2GRAY);
    const auto out = decoder.decode(gray);
    REQUIRE(out.detection.has_value());
    CHECK(out.detection->text == fixture::kBhytExample);
}

TEST_CASE("a light-on-dark (inverted) code decodes", "[decoder][inverted]") {
    const QrDecoder decoder;
    SECTION("light modules on a dark screen") {
        // A phone in dark mode: the symbol's colours swapped, 5 px a module, on a dark frame.
        cv::Mat modules;
        cv::bitwise_not(fixture::qrModules(fixture::kCccdExample), modules);
        cv::Mat symbol;
        cv::resize(modules, symbol, cv::Size(), 5, 5, cv::INTER_NEAREST);
        cv::Mat frame(720, 1280, CV_8UC1, cv::Scalar(20));
        symbol.copyTo(frame(cv::Rect(400, 120, symbol.cols, symbol.rows)));
        cv::GaussianBlur(frame, frame, cv::Size(0, 0), 0.8);
        // The same picture with dark modules reads (the code itself is fine) …
        cv::Mat normal;
        cv::bitwise_not(frame, normal);
        REQUIRE(decoder.decode(normal).detection.has_value());
        // … and so must the inverted one.
        const auto out = decoder.decode(frame);
        REQUIRE(out.detection.has_value());
        CHECK(out.detection->text == fixture::kCccdExample);
    }
    SECTION("a whole camera frame as a negative") {
        fixture::FrameSpec spec;
        spec.size = {1280, 720};
        spec.modulePx = 4;
        spec.tiltDeg = 12;
        spec.blurSigma = 0.7;
        spec.noiseSigma = 3;
        spec.jpegQuality = 60;
        const auto frame = fixture::makeFrame(fixture::kBhytExample, spec);
        REQUIRE(decoder.decode(frame.image).detection.has_value());
        cv::Mat negative;
        cv::bitwise_not(frame.image, negative);
        const auto out = decoder.decode(negative);
        REQUIRE(out.detection.has_value());
        CHECK(out.detection->text == fixture::kBhytExample);
        CHECK(cornersMatch(out.detection->corners, frame.corners, 4 * spec.modulePx));
    }
}
