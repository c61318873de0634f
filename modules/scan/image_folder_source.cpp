#include "scan/image_folder_source.h"

#include <algorithm>
#include <cctype>
#include <opencv2/imgcodecs.hpp>

namespace bhxh::scan {

ImageFolderSource::ImageFolderSource(std::filesystem::path path, std::uint64_t maxPixels)
    : m_path(std::move(path)), m_maxPixels(maxPixels) {}

bool ImageFolderSource::isImageFile(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const char* const kKnown[] = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm"};
    return std::any_of(std::begin(kKnown), std::end(kKnown), [&](const char* k) { return ext == k; });
}

Result<void> ImageFolderSource::open() {
    m_files.clear();
    m_next = 0;
    std::error_code ec;
    if (std::filesystem::is_directory(m_path, ec)) {
        std::filesystem::directory_iterator it(m_path, ec);
        if (ec) return makeError("scan.unreadable", m_path.string() + ": folder cannot be read (" + ec.message() + ")");
        for (const auto& entry : it) {
            if (entry.is_regular_file(ec) && isImageFile(entry.path())) m_files.push_back(entry.path());
        }
        std::sort(m_files.begin(), m_files.end());
        return {};
    }
    if (std::filesystem::is_regular_file(m_path, ec)) {
        m_files.push_back(m_path);
        return {};
    }
    return makeError("scan.unreadable", m_path.string() + ": no such file or folder");
}

ReadResult ImageFolderSource::read() {
    ReadResult result;
    if (m_next >= m_files.size()) {
        result.status = ReadStatus::EndOfStream;
        return result;
    }
    const std::size_t index = m_next++;
    m_current = m_files[index];
    // Width × height from the header first: a small file may declare a huge image.
    if (auto size = image::checkImagePixels(m_current, m_maxPixels); !size) {
        const bool tooLarge = size.error().code == "image.too_many_pixels";
        result.error = tooLarge ? size.error().message : m_current.string() + ": not a readable image";
        result.frame.origin = m_current.string();
        return result;
    }
    cv::Mat image;
    try {
        image = cv::imread(m_current.string(), cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
        image.release();
    }
    if (image.empty()) {
        result.error = m_current.string() + ": not a readable image";
        result.frame.origin = m_current.string();
        return result;
    }
    result.status = ReadStatus::Frame;
    result.frame.image = std::move(image);
    result.frame.index = static_cast<std::int64_t>(index);
    result.frame.capturedAt = std::chrono::steady_clock::now();
    result.frame.origin = m_current.string();
    return result;
}

} // namespace bhxh::scan
