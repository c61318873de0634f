#include "scan/image_folder_source.h"

#include "common/unicode_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

namespace bhxh::scan {
namespace {

std::string lowerExtension(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

// True when bytes are UTF-8 text: no NUL, no control character other than tab, CR, LF, FF and
// ESC, and well-formed UTF-8 (text::isValidUtf8) once a character cut off by the end of the
// sample is dropped.
bool looksLikeText(const std::uint8_t* p, std::size_t n) {
    if (n == 0) return false;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t c = p[i];
        if (c == 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B)) return false;
    }
    std::size_t end = n;
    for (std::size_t k = 1; k <= 3 && k <= n; ++k) {  // the last lead byte, if its character is cut
        const std::uint8_t c = p[n - k];
        if ((c & 0xC0) == 0x80) continue;
        const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (len > k) end = n - k;
        break;
    }
    return text::isValidUtf8(std::string_view(reinterpret_cast<const char*>(p), end));
}

// The first frame FFmpeg gives for the file (GIF, AVIF, or a video), its size checked first.
ReadResult firstVideoFrame(const std::filesystem::path& file, std::uint64_t maxPixels) {
    ReadResult result;
    result.frame.origin = file.string();
    try {
        cv::VideoCapture capture(file.string(), cv::CAP_FFMPEG);
        const double w = capture.isOpened() ? capture.get(cv::CAP_PROP_FRAME_WIDTH) : 0.0;
        const double h = capture.isOpened() ? capture.get(cv::CAP_PROP_FRAME_HEIGHT) : 0.0;
        if (!(w >= 1 && h >= 1)) {  // not opened, or opened as a stream without a picture
            result.error = file.string() + ": not a readable image";
            return result;
        }
        if (w * h > static_cast<double>(maxPixels)) {
            result.error = file.string() + ": the picture is " + std::to_string(static_cast<long long>(w)) + " × " +
                           std::to_string(static_cast<long long>(h)) + " pixels; the limit is " +
                           std::to_string(maxPixels / 1'000'000) + " MP";
            return result;
        }
        cv::Mat image;
        if (!capture.read(image) || image.empty()) {
            result.error = file.string() + ": not a readable image";
            return result;
        }
        result.status = ReadStatus::Frame;
        result.frame.image = std::move(image);
    } catch (const cv::Exception&) {
        result.error = file.string() + ": not a readable image";
    }
    return result;
}

bool hasImageExtension(const std::filesystem::path& path) {
    static const char* const kKnown[] = {".png", ".jpg",  ".jpeg", ".jpe", ".jfif", ".bmp", ".tif",
                                         ".tiff", ".webp", ".pgm", ".ppm", ".gif",  ".avif"};
    const std::string ext = lowerExtension(path);
    return std::any_of(std::begin(kKnown), std::end(kKnown), [&](const char* k) { return ext == k; });
}

} // namespace

ImageFolderSource::ImageFolderSource(std::filesystem::path path, std::uint64_t maxPixels)
    : m_path(std::move(path)), m_maxPixels(maxPixels) {}

bool ImageFolderSource::isImageFile(const std::filesystem::path& path) {
    if (hasImageExtension(path)) return true;
    auto size = image::readImageSize(path);
    return size.ok() || size.error().code == "image.bad_header";
}

bool ImageFolderSource::isTextFile(const std::filesystem::path& path) {
    std::array<std::uint8_t, 4096> head{};
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (!looksLikeText(head.data(), n)) return false;
    // "P6\n640 480\n" is text too: an image header wins.
    return image::readImageSize(std::span<const std::uint8_t>(head.data(), n)).error().code == "image.unknown_format";
}

Result<void> ImageFolderSource::open() {
    m_files.clear();
    m_next = 0;
    m_skipped = 0;
    m_folder = false;
    std::error_code ec;
    if (std::filesystem::is_directory(m_path, ec)) {
        std::filesystem::directory_iterator it(m_path, ec);
        if (ec) return makeError("scan.unreadable", m_path.string() + ": folder cannot be read (" + ec.message() + ")");
        for (const auto& entry : it) {
            if (!entry.is_regular_file(ec)) continue;
            if (m_files.size() >= kMaxFiles) {
                m_files.clear();
                return makeError("scan.unreadable", m_path.string() + ": more than " + std::to_string(kMaxFiles) +
                                                        " files; scan a smaller folder");
            }
            m_files.push_back(entry.path());
        }
        std::sort(m_files.begin(), m_files.end());
        m_folder = true;
        return {};
    }
    if (std::filesystem::is_regular_file(m_path, ec)) {
        m_files.push_back(m_path);
        return {};
    }
    return makeError("scan.unreadable", m_path.string() + ": no such file or folder");
}

ReadResult ImageFolderSource::read() {
    // Bounded by the folder's files: each turn takes one.
    while (m_next < m_files.size()) {
        const std::size_t index = m_next++;
        // A text file (labels, notes) beside the photos is skipped; one named as an image is not.
        if (m_folder && !hasImageExtension(m_files[index]) && isTextFile(m_files[index])) {
            ++m_skipped;
            continue;
        }
        return readFile(index);
    }
    ReadResult result;
    result.status = ReadStatus::EndOfStream;
    return result;
}

ReadResult ImageFolderSource::readFile(std::size_t index) {
    m_current = m_files[index];
    ReadResult result;
    result.frame.origin = m_current.string();
    // Width × height from the header first: a small file may declare a huge image. A format
    // whose header the desk does not know is left to OpenCV's own limit
    // (image::setDecoderPixelLimit) and, for FFmpeg, to the size it reports before decoding.
    auto size = image::checkImagePixels(m_current, m_maxPixels);
    if (!size && size.error().code == "image.too_many_pixels") {
        result.error = size.error().message;
        return result;
    }
    if (!size && size.error().code != "image.unknown_format") {
        result.error = m_current.string() + ": not a readable image (" + size.error().message + ")";
        return result;
    }
    cv::Mat image;
    try {
        image = cv::imread(m_current.string(), cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
        image.release();
    }
    if (image.empty()) {
        // OpenCV 4.6's codecs read no GIF or AVIF; its FFmpeg backend does.
        result = firstVideoFrame(m_current, m_maxPixels);
        if (result.status != ReadStatus::Frame) return result;
        image = std::move(result.frame.image);
    }
    result.status = ReadStatus::Frame;
    result.error.clear();
    result.frame.image = std::move(image);
    result.frame.index = static_cast<std::int64_t>(index);
    result.frame.capturedAt = std::chrono::steady_clock::now();
    result.frame.origin = m_current.string();
    return result;
}

} // namespace bhxh::scan
