#include "app/photo_file.h"

#include "common/image_header.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <iterator>

namespace bhxh::app {

PhotoFile PhotoFile::decode(const std::string& kind, const std::optional<std::string>& path, std::uint64_t maxPixels) {
    PhotoFile out{kind, {}, {}, ""};
    if (!path) {
        out.errorKey = "photo.not_cached";
        return out;
    }
    std::ifstream in(*path, std::ios::binary);
    if (!in) {
        out.errorKey = "photo.unreadable";
        return out;
    }
    std::vector<std::uint8_t> bytes(std::istreambuf_iterator<char>(in), (std::istreambuf_iterator<char>()));
    return fromBytes(kind, std::move(bytes), maxPixels);
}

PhotoFile PhotoFile::fromBytes(const std::string& kind, std::vector<std::uint8_t> bytes, std::uint64_t maxPixels) {
    PhotoFile out{kind, {}, std::move(bytes), ""};
    // The header's width × height first: a small file may declare a picture of gigabytes.
    if (auto size = image::checkImagePixels(out.bytes, maxPixels); !size) {
        out.errorKey = size.error().code == "image.too_many_pixels" ? "photo.too_large" : "photo.unreadable";
        out.bytes.clear();
        return out;
    }
    cv::Mat bgr = out.bytes.empty() ? cv::Mat() : cv::imdecode(out.bytes, cv::IMREAD_COLOR);
    if (bgr.empty()) {
        out.errorKey = "photo.unreadable";
        return out;
    }
    cv::cvtColor(bgr, out.rgba, cv::COLOR_BGR2RGBA);
    return out;
}

const std::vector<std::string>& PhotoFile::order() {
    static const std::vector<std::string> kinds{"portrait", "id_front", "id_back", "birth_certificate"};
    return kinds;
}

} // namespace bhxh::app
