#include "common/image_header.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace bhxh::image;

namespace {

using Bytes = std::vector<std::uint8_t>;

void be32(Bytes& b, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(v >> s));
}
void le16(Bytes& b, std::uint32_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
}
void le32(Bytes& b, std::uint32_t v) {
    le16(b, v & 0xFFFF);
    le16(b, v >> 16);
}

// The start of a PNG: signature and IHDR (what a 946 KB decompression bomb begins with).
Bytes png(std::uint32_t w, std::uint32_t h) {
    Bytes b{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    be32(b, w);
    be32(b, h);
    b.insert(b.end(), {8, 2, 0, 0, 0, 0, 0, 0, 0});
    return b;
}

Bytes jpeg(std::uint32_t w, std::uint32_t h) {
    Bytes b{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
    // An APP1 segment to skip, then the baseline frame header.
    b.insert(b.end(), {0xFF, 0xE1, 0x00, 0x06, 'E', 'x', 'i', 'f'});
    b.insert(b.end(), {0xFF, 0xC0, 0x00, 0x11, 0x08});
    b.push_back(static_cast<std::uint8_t>(h >> 8));
    b.push_back(static_cast<std::uint8_t>(h));
    b.push_back(static_cast<std::uint8_t>(w >> 8));
    b.push_back(static_cast<std::uint8_t>(w));
    b.insert(b.end(), {3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
    return b;
}

Bytes bmp(std::int32_t w, std::int32_t h) {
    Bytes b{'B', 'M'};
    le32(b, 0);
    le32(b, 0);
    le32(b, 54);
    le32(b, 40);
    le32(b, static_cast<std::uint32_t>(w));
    le32(b, static_cast<std::uint32_t>(h));
    return b;
}

Bytes tiffLe(std::uint32_t w, std::uint32_t h) {
    Bytes b{'I', 'I', 42, 0};
    le32(b, 8);
    le16(b, 2);
    le16(b, 256); le16(b, 4); le32(b, 1); le32(b, w);
    le16(b, 257); le16(b, 3); le32(b, 1); le16(b, h); le16(b, 0);
    le32(b, 0);
    return b;
}

Bytes webpVp8x(std::uint32_t w, std::uint32_t h) {
    Bytes b{'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0};
    for (std::uint32_t v : {w - 1, h - 1}) {
        b.push_back(static_cast<std::uint8_t>(v));
        b.push_back(static_cast<std::uint8_t>(v >> 8));
        b.push_back(static_cast<std::uint8_t>(v >> 16));
    }
    return b;
}

Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

Bytes gif(std::uint32_t w, std::uint32_t h) {
    Bytes b = text("GIF89a");
    le16(b, w);
    le16(b, h);
    b.insert(b.end(), {0xF7, 0, 0});
    return b;
}

// The start of an AVIF: 'ftyp', then 'meta' … 'ipco' holding an 'ispe' property per image
// (here a thumbnail first, then the primary image, as encoders write them).
Bytes avif(std::uint32_t w, std::uint32_t h) {
    Bytes b;
    be32(b, 24);
    b.insert(b.end(), {'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'a', 'v', 'i', 'f'});
    be32(b, 60);
    b.insert(b.end(), {'m', 'e', 't', 'a', 0, 0, 0, 0});
    for (auto [iw, ih] : {std::pair<std::uint32_t, std::uint32_t>{160, 120}, {w, h}}) {
        be32(b, 20);
        b.insert(b.end(), {'i', 's', 'p', 'e', 0, 0, 0, 0});
        be32(b, iw);
        be32(b, ih);
    }
    return b;
}

} // namespace

TEST_CASE("width and height are read from each format's header", "[common][image_header]") {
    struct Case {
        Bytes bytes;
        std::uint32_t w, h;
        const char* format;
    };
    const std::vector<Case> cases{
        {png(640, 480), 640, 480, "png"},          {jpeg(1920, 1080), 1920, 1080, "jpeg"},
        {bmp(800, -600), 800, 600, "bmp"},         {tiffLe(3000, 2000), 3000, 2000, "tiff"},
        {webpVp8x(4096, 2160), 4096, 2160, "webp"}, {text("P6\n# comment\n1024 768\n255\n"), 1024, 768, "pnm"},
        {gif(320, 200), 320, 200, "gif"},          {avif(1280, 720), 1280, 720, "avif"},
    };
    for (const auto& c : cases) {
        INFO(c.format);
        auto size = readImageSize(c.bytes);
        REQUIRE(size.ok());
        CHECK(size->width == c.w);
        CHECK(size->height == c.h);
        CHECK(size->format == c.format);
    }
}

TEST_CASE("a header declaring 30000 x 30000 is refused before decoding", "[common][image_header][hostile]") {
    auto bomb = checkImagePixels(png(30000, 30000), kDefaultMaxPixels);
    REQUIRE_FALSE(bomb.ok());
    CHECK(bomb.error().code == "image.too_many_pixels");
    CHECK(bomb.error().message.find("30000 × 30000") != std::string::npos);
    CHECK(bomb.error().message.find("limit is 40 MP") != std::string::npos);
    CHECK_FALSE(checkImagePixels(jpeg(65000, 65000), kDefaultMaxPixels).ok());
    CHECK_FALSE(checkImagePixels(tiffLe(100000, 1000), kDefaultMaxPixels).ok());
    CHECK_FALSE(checkImagePixels(gif(65535, 65535), kDefaultMaxPixels).ok());
    CHECK_FALSE(checkImagePixels(avif(40000, 40000), kDefaultMaxPixels).ok());
    // A 4K camera frame and a 24 MP camera photo pass.
    CHECK(checkImagePixels(png(3840, 2160), kDefaultMaxPixels).ok());
    CHECK(checkImagePixels(jpeg(6000, 4000), kDefaultMaxPixels).ok());
}

TEST_CASE("unknown, truncated and zero-sized headers are errors", "[common][image_header]") {
    CHECK(readImageSize(text("%PDF-1.4")).error().code == "image.unknown_format");
    CHECK(readImageSize(Bytes{}).error().code == "image.unknown_format");
    const Bytes whole = png(1, 1);
    CHECK(readImageSize(Bytes(whole.begin(), whole.begin() + 12)).error().code == "image.bad_header");
    CHECK(readImageSize(png(0, 10)).error().code == "image.bad_header");
    CHECK(readImageSize(text("GIF89a\x01")).error().code == "image.bad_header");
    Bytes noIspe = avif(1, 1);
    noIspe.resize(32);  // ftyp and the start of meta: no size property
    CHECK(readImageSize(noIspe).error().code == "image.bad_header");
    Bytes noFrame{0xFF, 0xD8, 0xFF, 0xD9};
    CHECK(readImageSize(noFrame).error().code == "image.bad_header");
    // A JPEG of endless fill bytes ends in bounded steps.
    Bytes fill{0xFF, 0xD8};
    fill.insert(fill.end(), 100'000, 0xFF);
    CHECK_FALSE(readImageSize(fill).ok());
}

TEST_CASE("a file's header is read without reading the file; a folder is not an image", "[common][image_header]") {
    const auto dir = std::filesystem::temp_directory_path() / "bhxh-image-header-test";
    std::filesystem::create_directories(dir);
    const auto file = dir / "bomb.png";
    {
        const auto b = png(30000, 30000);
        std::ofstream out(file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    }
    auto bomb = checkImagePixels(file, kDefaultMaxPixels);
    REQUIRE_FALSE(bomb.ok());
    CHECK(bomb.error().message.find("bomb.png") != std::string::npos);
    CHECK(checkImagePixels(file, 1'000'000'000).ok());
    CHECK(readImageSize(dir).error().code == "image.unreadable");
    std::filesystem::remove_all(dir);
}

namespace {

// A J2K codestream's start: SOC, then SIZ (Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz, …).
Bytes j2k(std::uint32_t w, std::uint32_t h, std::uint32_t x0 = 0, std::uint32_t y0 = 0) {
    Bytes b{0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x29, 0x00, 0x00};
    be32(b, w + x0);
    be32(b, h + y0);
    be32(b, x0);
    be32(b, y0);
    b.resize(b.size() + 20, 0);
    return b;
}

// A JP2 file: signature box, ftyp, then jp2h holding ihdr (height, width).
Bytes jp2(std::uint32_t w, std::uint32_t h) {
    Bytes b{0, 0, 0, 12, 'j', 'P', ' ', ' ', '\r', '\n', 0x87, '\n'};
    b.insert(b.end(), {0, 0, 0, 20, 'f', 't', 'y', 'p', 'j', 'p', '2', ' ', 0, 0, 0, 0, 'j', 'p', '2', ' '});
    b.insert(b.end(), {0, 0, 0, 30, 'j', 'p', '2', 'h', 0, 0, 0, 22, 'i', 'h', 'd', 'r'});
    be32(b, h);
    be32(b, w);
    b.insert(b.end(), {0, 3, 7, 7, 0, 0});
    return b;
}

} // namespace

TEST_CASE("JPEG 2000 sizes come from the codestream's SIZ or the JP2 image header", "[image]") {
    auto c = readImageSize(j2k(480, 640));
    REQUIRE(c);
    CHECK(c->width == 480);
    CHECK(c->height == 640);
    CHECK(c->format == "jp2");
    auto offset = readImageSize(j2k(300, 400, 10, 20));
    REQUIRE(offset);
    CHECK(offset->width == 300);
    CHECK(offset->height == 400);
    auto f = readImageSize(jp2(420, 560));
    REQUIRE(f);
    CHECK(f->width == 420);
    CHECK(f->height == 560);
    // A chip portrait that declares a bomb is refused before any decoder.
    CHECK(checkImagePixels(jp2(30000, 30000), kDefaultMaxPixels).error().code == "image.too_many_pixels");
    CHECK(checkImagePixels(j2k(30000, 30000), kDefaultMaxPixels).error().code == "image.too_many_pixels");
    // Cut short: an error, never a read past the end.
    Bytes cut = jp2(420, 560);
    cut.resize(40);
    CHECK_FALSE(readImageSize(cut));
    Bytes cutJ2k = j2k(10, 10);
    cutJ2k.resize(10);
    CHECK_FALSE(readImageSize(cutJ2k));
}
