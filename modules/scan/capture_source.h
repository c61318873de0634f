#pragma once
#include "common/image_header.h"
#include "scan/frame_source.h"

#include <cstdint>
#include <opencv2/videoio.hpp>
#include <string>

namespace bhxh::scan {

/// What a camera is asked for; 0 leaves the driver's default.
struct CameraSettings {
    int width = 1280;
    int height = 720;
    double fps = 30.0;
    std::uint64_t maxImagePixels = image::kDefaultMaxPixels;  ///< still images above it are refused unread
};

/// A cv::VideoCapture source: a camera by index (live) or a video file (finite).
class CaptureSource : public FrameSource {
public:
    /// A camera by device index.
    CaptureSource(int cameraIndex, CameraSettings settings);
    /// A video file (anything Debian's OpenCV/ffmpeg can read).
    explicit CaptureSource(std::string videoPath);

    Result<void> open() override;
    ReadResult read() override;
    void close() override;
    [[nodiscard]] std::string describe() const override;
    [[nodiscard]] bool isLive() const override { return m_cameraIndex >= 0; }

private:
    int m_cameraIndex = -1;
    std::string m_path;
    CameraSettings m_settings;
    cv::VideoCapture m_capture;
    std::int64_t m_next = 0;
};

} // namespace bhxh::scan
