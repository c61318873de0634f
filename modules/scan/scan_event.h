#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>
#include <string>

namespace bhxh::scan {

/// Where a payload came from.
enum class ScanOrigin { Camera, Wedge };

/// A payload read from the camera or typed by a handheld scanner, after de-duplication.
struct ScanEvent {
    ScanOrigin origin = ScanOrigin::Camera;
    std::string text;                        ///< raw payload; idcard parses it
    std::array<cv::Point2f, 4> corners{};    ///< camera only: the code in frame pixels
    std::int64_t frameIndex = -1;            ///< camera only
    std::string frameOrigin;                 ///< camera only: "camera 0" or a file
    double decodeMs = 0;                     ///< camera only: the decoder's time on this frame
    double latencyMs = 0;                    ///< camera only: capture → event
    bool duplicate = false;                  ///< seen within the dedup window (overlay events only)
};

/// A reduced copy of a camera frame for the live view, and the size of the frame it came from
/// (ScanEvent corners are in that frame's pixels).
struct PreviewFrame {
    cv::Mat rgba;               ///< 8-bit RGBA, at most ScanServiceOptions::previewMaxWidth wide
    int sourceWidth = 0;
    int sourceHeight = 0;
    std::int64_t frameIndex = -1;
};

/// The camera worker's view of its source, shown in the status bar.
enum class CameraState { Starting, Running, Lost, Ended, Stopped };

/// A change of CameraState.
struct CameraStateEvent {
    CameraState state = CameraState::Starting;
    std::string source;       ///< "camera 0" or a file
    std::string detail;       ///< the error for Lost (never personal data)
    int attempt = 0;          ///< reconnect attempts since the loss
    std::chrono::milliseconds retryIn{0};
};

/// "starting", "running", "lost", "ended", "stopped".
const char* toString(CameraState state);

} // namespace bhxh::scan
