#pragma once
#include "common/result.h"

#include <chrono>
#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <string>

namespace bhxh::scan {

/// One captured picture and where it came from.
struct Frame {
    cv::Mat image;                                   ///< BGR or grayscale, 8 bit
    std::int64_t index = 0;                          ///< 0-based position in its source
    std::chrono::steady_clock::time_point capturedAt{};
    std::string origin;                              ///< file path, or "camera N"
};

/// What a read() gave.
enum class ReadStatus { Frame, EndOfStream, Failed };

struct ReadResult {
    ReadStatus status = ReadStatus::Failed;
    Frame frame;          ///< set when status == Frame; on Failed only frame.origin may be set (the file at fault)
    std::string error;    ///< set when status == Failed (never personal data)
};

/// Anything that yields frames: a camera, a video file, an image folder, or a test's feeder.
/// Used by one thread at a time (the camera worker).
class FrameSource {
public:
    virtual ~FrameSource() = default;
    /// Opens (or reopens after a loss) the source.
    virtual Result<void> open() = 0;
    /// The next frame; Failed for a read error, EndOfStream when a finite source is done.
    virtual ReadResult read() = 0;
    virtual void close() = 0;
    /// For logs and the status bar, e.g. "camera 0" or a file name.
    [[nodiscard]] virtual std::string describe() const = 0;
    /// A live source (camera) is retried when it fails or ends; a file source just ends.
    [[nodiscard]] virtual bool isLive() const = 0;
};

} // namespace bhxh::scan
