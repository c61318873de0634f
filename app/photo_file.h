#pragma once
#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::app {

/// A declaration's photo read from the verified file cache and decoded for the screen: the desk
/// and the supervisor's re-check show the same pictures the same way.
struct PhotoFile {
    std::string kind;
    cv::Mat rgba;                     ///< empty when it could not be read
    std::vector<std::uint8_t> bytes;  ///< the file as stored (for the face check)
    std::string errorKey;             ///< photo.not_cached | photo.unreadable | photo.too_large

    /// Reads and decodes `path` (none: not in the cache), refusing a header that declares more
    /// than `maxPixels` before decoding anything.
    static PhotoFile decode(const std::string& kind, const std::optional<std::string>& path, std::uint64_t maxPixels);
    /// The same for a picture already in memory (the chip's portrait: JPEG or JPEG 2000).
    static PhotoFile fromBytes(const std::string& kind, std::vector<std::uint8_t> bytes, std::uint64_t maxPixels);
    /// The photo kinds in the order the screens show them.
    static const std::vector<std::string>& order();
};

} // namespace bhxh::app
