#include "qr_fixture.h"
#include "scan/camera_probe.h"
#include "scan/capture_source.h"
#include "scan/image_folder_source.h"
#include "scan/source_factory.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

using namespace bhxh::scan;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("bhxh-scan-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    static int& counter() { static int n = 0; return n; }
};

cv::Mat card(const char* payload, std::uint64_t seed) {
    fixture::FrameSpec spec;
    spec.size = {640, 480};
    spec.modulePx = 3;
    spec.seed = seed;
    return fixture::makeFrame(payload, spec).image;
}

} // namespace

TEST_CASE("an image folder yields its images in name order and skips other files", "[source]") {
    TempDir dir;
    cv::imwrite((dir.path / "b.png").string(), card(fixture::kBhytExample, 2));
    cv::imwrite((dir.path / "a.jpg").string(), card(fixture::kCccdExample, 1));
    std::ofstream(dir.path / "notes.txt") << "not an image";
    std::ofstream(dir.path / "broken.png") << "not a png";

    auto source = SourceFactory::fromSpec(dir.path.string());
    REQUIRE(source.ok());
    REQUIRE((*source)->open().ok());
    CHECK_FALSE((*source)->isLive());
    auto r = (*source)->read();
    REQUIRE(r.status == ReadStatus::Frame);
    CHECK(fs::path(r.frame.origin).filename() == "a.jpg");
    CHECK(r.frame.image.cols == 640);
    r = (*source)->read();
    REQUIRE(r.status == ReadStatus::Frame);
    CHECK(fs::path(r.frame.origin).filename() == "b.png");
    r = (*source)->read();
    CHECK(r.status == ReadStatus::Failed);  // broken.png: named, and the source goes on
    CHECK(r.error.find("broken.png") != std::string::npos);
    CHECK((*source)->read().status == ReadStatus::EndOfStream);
}

TEST_CASE("a single image is a one-frame source", "[source]") {
    TempDir dir;
    const auto file = dir.path / "card.png";
    cv::imwrite(file.string(), card(fixture::kCccdExample, 3));
    auto source = SourceFactory::fromSpec(file.string());
    REQUIRE(source.ok());
    REQUIRE((*source)->open().ok());
    CHECK((*source)->read().status == ReadStatus::Frame);
    CHECK((*source)->read().status == ReadStatus::EndOfStream);
}

TEST_CASE("a video file yields its frames, then ends", "[source]") {
    TempDir dir;
    const auto file = dir.path / "clip.avi";
    {
        cv::VideoWriter writer(file.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10, {640, 480});
        REQUIRE(writer.isOpened());
        for (int i = 0; i < 6; ++i) writer.write(card(fixture::kCccdExample, static_cast<std::uint64_t>(i + 1)));
    }
    auto source = SourceFactory::fromSpec(file.string());
    REQUIRE(source.ok());
    REQUIRE((*source)->open().ok());
    int frames = 0;
    for (;;) {
        auto r = (*source)->read();
        if (r.status != ReadStatus::Frame) {
            CHECK(r.status == ReadStatus::EndOfStream);
            break;
        }
        CHECK(r.frame.index == frames);
        CHECK(r.frame.image.size() == cv::Size(640, 480));
        ++frames;
    }
    CHECK(frames == 6);
}

TEST_CASE("missing paths and unopenable files are errors naming them", "[source]") {
    auto missing = SourceFactory::fromSpec("/nonexistent/bhxh/card.png");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("/nonexistent/bhxh/card.png") != std::string::npos);

    TempDir dir;
    const auto junk = dir.path / "junk.mp4";
    std::ofstream(junk) << "not a video";
    auto source = SourceFactory::fromSpec(junk.string());
    REQUIRE(source.ok());
    auto opened = (*source)->open();
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.find("junk.mp4") != std::string::npos);
}

TEST_CASE("a camera index that has no device fails to open without throwing", "[source]") {
    CHECK(SourceFactory::isCameraIndex("0"));
    CHECK_FALSE(SourceFactory::isCameraIndex("card.png"));
    CaptureSource camera(97, CameraSettings{640, 480, 15, bhxh::image::kDefaultMaxPixels});
    CHECK(camera.isLive());
    CHECK(camera.describe() == "camera 97");
    auto opened = camera.open();
    CHECK_FALSE(opened.ok());
    CHECK(camera.read().status == ReadStatus::Failed);
}

TEST_CASE("camera probing lists only indices that deliver a frame, without throwing", "[source]") {
    // No /dev/video here: the list is empty. With cameras attached it holds their indices.
    const auto cameras = CameraProbe::enumerate(3);
    CHECK(cameras.size() <= 3);
    for (const auto& c : cameras) {
        CHECK(c.index >= 0);
        CHECK(c.index < 3);
        CHECK(c.width > 0);
        CHECK(c.height > 0);
    }
}
