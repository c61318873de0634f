#pragma once
#include "common/image_header.h"
#include "scan/frame_source.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace bhxh::scan {

/// Still images as a finite source: every file of a folder in name order, or one image.
/// Files are chosen by content, not by extension: whatever OpenCV can open is read (its image
/// codecs, or its FFmpeg backend's first frame for GIF and AVIF, which OpenCV 4.6's codecs
/// lack). A text file (a label, notes, a JSON sidecar: UTF-8 content, and not an image's
/// extension) is skipped; any other file that cannot be read is a Failed read naming it, and
/// the next read goes on.
class ImageFolderSource : public FrameSource {
public:
    /// Files of a folder past this many are not listed (open() fails naming the folder).
    static constexpr std::size_t kMaxFiles = 100'000;

    /// A folder (its files, sorted by name, not recursive) or a single image file. An image
    /// whose header declares more than maxPixels is a Failed read, never decoded.
    explicit ImageFolderSource(std::filesystem::path path, std::uint64_t maxPixels = image::kDefaultMaxPixels);

    Result<void> open() override;
    ReadResult read() override;
    void close() override {}
    [[nodiscard]] std::string describe() const override { return m_path.string(); }
    [[nodiscard]] bool isLive() const override { return false; }

    /// True for a still image: a known image extension (png, jpg, jpeg, jpe, jfif, bmp, tif,
    /// tiff, webp, pgm, ppm, gif, avif) or, whatever its name, an image header (image_header.h).
    static bool isImageFile(const std::filesystem::path& path);
    /// True when the start of the file is text (UTF-8 or ASCII, no NUL, no image header).
    static bool isTextFile(const std::filesystem::path& path);
    /// The file of the last frame or failure read.
    [[nodiscard]] const std::filesystem::path& currentFile() const { return m_current; }
    /// Text files of the folder skipped so far.
    [[nodiscard]] std::size_t skippedTextFiles() const { return m_skipped; }

private:
    ReadResult readFile(std::size_t index);

    std::filesystem::path m_path;
    std::uint64_t m_maxPixels;
    std::vector<std::filesystem::path> m_files;
    std::size_t m_next = 0;
    std::size_t m_skipped = 0;
    bool m_folder = false;
    std::filesystem::path m_current;
};

} // namespace bhxh::scan
