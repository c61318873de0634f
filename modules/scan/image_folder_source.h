#pragma once
#include "common/image_header.h"
#include "scan/frame_source.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace bhxh::scan {

/// Still images as a finite source: every image of a folder in name order, or one image.
/// A file that cannot be decoded is a Failed read naming it; the next read goes on.
class ImageFolderSource : public FrameSource {
public:
    /// A folder (its image files, sorted by name, not recursive) or a single image file. An
    /// image whose header declares more than maxPixels is a Failed read, never decoded.
    explicit ImageFolderSource(std::filesystem::path path, std::uint64_t maxPixels = image::kDefaultMaxPixels);

    Result<void> open() override;
    ReadResult read() override;
    void close() override {}
    [[nodiscard]] std::string describe() const override { return m_path.string(); }
    [[nodiscard]] bool isLive() const override { return false; }

    /// True for the file extensions this source reads (png, jpg, jpeg, bmp, tif, tiff, webp, pgm, ppm).
    static bool isImageFile(const std::filesystem::path& path);
    /// The file of the last frame or failure read.
    [[nodiscard]] const std::filesystem::path& currentFile() const { return m_current; }

private:
    std::filesystem::path m_path;
    std::uint64_t m_maxPixels;
    std::vector<std::filesystem::path> m_files;
    std::size_t m_next = 0;
    std::filesystem::path m_current;
};

} // namespace bhxh::scan
