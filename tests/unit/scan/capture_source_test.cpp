#include "qr_fixture.h"
#include "scan/camera_probe.h"
#include "scan/qr_decoder.h"
#include "scan/capture_source.h"
#include "scan/image_folder_source.h"
#include "scan/source_factory.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <set>
#include <vector>

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

// A GIF87a file of a grey picture (black and white, 2 colours), written the way the format
// says: LZW codes of 3 bits, a clear code before every two pixels so that the code size never
// grows (valid, if large). OpenCV 4.6 cannot write GIF, and the test needs a real one.
std::vector<std::uint8_t> gifOf(const cv::Mat& gray) {
    std::vector<std::uint8_t> out{'G', 'I', 'F', '8', '7', 'a'};
    auto le16 = [&out](int v) {
        out.push_back(static_cast<std::uint8_t>(v & 0xFF));
        out.push_back(static_cast<std::uint8_t>(v >> 8));
    };
    le16(gray.cols);
    le16(gray.rows);
    out.insert(out.end(), {0x80, 0, 0, 0, 0, 0, 255, 255, 255});  // a 2-colour table: black, white
    out.push_back(0x2C);
    le16(0);
    le16(0);
    le16(gray.cols);
    le16(gray.rows);
    out.push_back(0);
    out.push_back(2);  // minimum code size: clear = 4, end = 5, codes of 3 bits
    std::vector<std::uint8_t> data;
    std::uint32_t bits = 0;
    int count = 0;
    auto emit = [&](std::uint32_t code) {
        bits |= code << count;
        count += 3;
        while (count >= 8) {
            data.push_back(static_cast<std::uint8_t>(bits & 0xFF));
            bits >>= 8;
            count -= 8;
        }
    };
    int n = 0;
    for (int y = 0; y < gray.rows; ++y) {
        for (int x = 0; x < gray.cols; ++x) {
            if (n++ % 2 == 0) emit(4);
            emit(gray.at<std::uint8_t>(y, x) >= 128 ? 1 : 0);
        }
    }
    emit(5);
    if (count > 0) data.push_back(static_cast<std::uint8_t>(bits & 0xFF));
    for (std::size_t i = 0; i < data.size(); i += 255) {
        const std::size_t len = std::min<std::size_t>(255, data.size() - i);
        out.push_back(static_cast<std::uint8_t>(len));
        out.insert(out.end(), data.begin() + static_cast<std::ptrdiff_t>(i), data.begin() + static_cast<std::ptrdiff_t>(i + len));
    }
    out.push_back(0);
    out.push_back(0x3B);
    return out;
}

void writeBytes(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
}

// The QR symbol of payload, 4 px a module, as a grey picture.
cv::Mat symbol(const char* payload) {
    cv::Mat big;
    cv::resize(fixture::qrModules(payload), big, cv::Size(), 4, 4, cv::INTER_NEAREST);
    return big;
}

} // namespace

TEST_CASE("a folder reads every picture OpenCV opens, whatever its extension, and names what it cannot", "[source][folder]") {
    TempDir dir;
    writeBytes(dir.path / "a-card.gif", gifOf(symbol(fixture::kCccdExample)));
    std::vector<std::uint8_t> jpeg;
    REQUIRE(cv::imencode(".jpg", card(fixture::kBhytExample, 4), jpeg));
    writeBytes(dir.path / "b-card.jfif", jpeg);
    {
        // AVIF through OpenCV's FFmpeg writer (AV1: Debian's libavcodec has libaom's encoder).
        cv::VideoWriter avif((dir.path / "c-card.avif").string(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('a', 'v', '0', '1'),
                             1, {640, 480});
        if (avif.isOpened()) avif.write(card(fixture::kCccdExample, 5));
    }
    const bool haveAvif = fs::exists(dir.path / "c-card.avif") && fs::file_size(dir.path / "c-card.avif") > 0;
    INFO("no AV1 encoder in OpenCV's FFmpeg (Debian: libavcodec59 with libaom3): the AVIF case cannot be made");
    REQUIRE(haveAvif);  // never a silent skip
    std::vector<std::uint8_t> corrupt = jpeg;
    corrupt.resize(300);  // the header survives, the picture does not
    writeBytes(dir.path / "d-corrupt.jpg", corrupt);
    std::vector<std::uint8_t> bomb = gifOf(symbol(fixture::kCccdExample));
    bomb[6] = bomb[7] = bomb[8] = bomb[9] = 0xFF;  // declares 65535 × 65535
    writeBytes(dir.path / "e-bomb.gif", bomb);
    writeBytes(dir.path / "f-noise.bin", {0x00, 0x9F, 0x13, 0x37, 0x00, 0xFE});
    std::ofstream(dir.path / "a-card.txt") << "079090001234|Nguyễn Văn An\n";  // a label beside the photo
    std::ofstream(dir.path / "notes") << "scanned at desk 3\n";

    ImageFolderSource source(dir.path, bhxh::image::kDefaultMaxPixels);
    REQUIRE(source.open().ok());
    const QrDecoder decoder;
    std::vector<std::string> read;
    std::vector<std::string> refused;
    for (int i = 0; i < 20; ++i) {  // 8 files: bounded
        auto r = source.read();
        if (r.status == ReadStatus::EndOfStream) break;
        const std::string name = fs::path(r.frame.origin).filename().string();
        if (r.status == ReadStatus::Failed) {
            INFO(name << ": " << r.error);
            CHECK(r.error.find(name) != std::string::npos);  // the message names the file
            // Too big is said so (from the header, never decoded); anything else is unreadable.
            CHECK(r.error.find(name == "e-bomb.gif" ? "the limit is 40 MP" : "not a readable image") != std::string::npos);
            refused.push_back(name);
            continue;
        }
        REQUIRE(r.status == ReadStatus::Frame);
        CHECK_FALSE(r.frame.image.empty());
        const auto out = decoder.decode(r.frame.image);
        INFO(name);
        CHECK(out.detection.has_value());
        read.push_back(name);
    }
    CHECK(read == std::vector<std::string>{"a-card.gif", "b-card.jfif", "c-card.avif"});
    CHECK(refused == std::vector<std::string>{"d-corrupt.jpg", "e-bomb.gif", "f-noise.bin"});
    CHECK(source.skippedTextFiles() == 2);
}

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
    CHECK(r.error.find("broken.png: not a readable image") != std::string::npos);
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
