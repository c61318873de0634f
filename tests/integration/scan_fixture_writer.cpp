// Writes the generated media the scan CLI test reads: single images, an image folder, PNG frames
// (for ffmpeg) and an MJPEG .avi, all showing QR codes of fictional payloads.
//   scan_fixture_writer OUTDIR
// OUTDIR/expected.tsv lists "relative path<TAB>payload" ("-" for a frame without a code).
#include "qr_fixture.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

namespace fs = std::filesystem;
using namespace bhxh::scan::fixture;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: scan_fixture_writer OUTDIR\n";
        return 2;
    }
    const fs::path out(argv[1]);
    fs::create_directories(out / "folder");
    fs::create_directories(out / "frames");
    std::ofstream expected(out / "expected.tsv");
    const auto payloads = fictionalPayloads(4);

    auto frame = [](const std::string& text, cv::Size size, double px, double tilt, std::uint64_t seed, bool phone = false) {
        FrameSpec spec;
        spec.size = size;
        spec.modulePx = px;
        spec.tiltDeg = tilt;
        spec.rollDeg = 8;
        spec.blurSigma = 0.7;
        spec.noiseSigma = 4;
        spec.jpegQuality = 40;
        spec.phoneScreen = phone;
        spec.seed = seed;
        return makeFrame(text, spec).image;
    };
    cv::imwrite((out / "cccd.png").string(), frame(kCccdExample, {1280, 720}, 4, 20, 1));
    expected << "cccd.png\t" << kCccdExample << '\n';
    cv::imwrite((out / "bhyt_phone.jpg").string(), frame(kBhytExample, {1920, 1080}, 4, 15, 2, true));
    expected << "bhyt_phone.jpg\t" << kBhytExample << '\n';
    const std::string unknown = "https://example.invalid/not-a-card";
    cv::imwrite((out / "unknown.png").string(), frame(unknown, {800, 600}, 5, 5, 3));
    expected << "unknown.png\t" << unknown << '\n';
    // A payload that would retitle the terminal and clear the screen if printed raw (issue 18).
    const std::string control = "X\x1b]0;pwned\x07\x1b[2J\xc2\x9b" "31mY";
    cv::imwrite((out / "control.png").string(), frame(control, {800, 600}, 5, 5, 4));
    expected << "control.png\t" << control << '\n';

    for (int i = 0; i < 3; ++i) {
        const auto name = "card_" + std::to_string(i) + ".png";
        cv::imwrite((out / "folder" / name).string(), frame(payloads[static_cast<std::size_t>(i)], {1280, 720}, 4, 10.0 * i, 10u + static_cast<unsigned>(i)));
        expected << "folder/" << name << '\t' << payloads[static_cast<std::size_t>(i)] << '\n';
    }
    cv::Mat blank(480, 640, CV_8UC3, cv::Scalar(90, 120, 150));
    cv::imwrite((out / "folder" / "empty.png").string(), blank);
    expected << "folder/empty.png\t-\n";

    cv::VideoWriter avi((out / "clip.avi").string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10, {1280, 720});
    if (!avi.isOpened()) {
        std::cerr << "scan_fixture_writer: cannot write an MJPEG .avi\n";
        return 1;
    }
    for (int i = 0; i < 8; ++i) {
        // Frames 0-2: no code; 3-7: the BHYT card, moving.
        cv::Mat image = i < 3 ? cv::Mat(720, 1280, CV_8UC3, cv::Scalar(100, 110, 120))
                              : frame(kBhytExample, {1280, 720}, 4, 5.0 * i, 20u + static_cast<unsigned>(i));
        avi.write(image);
        char name[32];
        std::snprintf(name, sizeof name, "frame_%03d.png", i);
        cv::imwrite((out / "frames" / name).string(), image);
        expected << "frames/" << name << '\t' << (i < 3 ? std::string("-") : std::string(kBhytExample)) << '\n';
    }
    return 0;
}
