#include "scan/capture_source.h"

#include <filesystem>

namespace bhxh::scan {

CaptureSource::CaptureSource(int cameraIndex, CameraSettings settings)
    : m_cameraIndex(cameraIndex), m_settings(settings) {}

CaptureSource::CaptureSource(std::string videoPath) : m_path(std::move(videoPath)) {}

Result<void> CaptureSource::open() {
    close();
    bool opened = false;
    try {
        if (isLive()) {
            opened = m_capture.open(m_cameraIndex, cv::CAP_ANY);
            if (opened) {
                // Drivers ignore what they cannot do; asking is harmless.
                if (m_settings.width > 0) m_capture.set(cv::CAP_PROP_FRAME_WIDTH, m_settings.width);
                if (m_settings.height > 0) m_capture.set(cv::CAP_PROP_FRAME_HEIGHT, m_settings.height);
                if (m_settings.fps > 0) m_capture.set(cv::CAP_PROP_FPS, m_settings.fps);
                // One buffered frame: the decoder wants the newest picture, not a backlog.
                m_capture.set(cv::CAP_PROP_BUFFERSIZE, 1);
            }
        } else {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(m_path, ec)) {
                return makeError("scan.unreadable", m_path + ": no such file");
            }
            opened = m_capture.open(m_path, cv::CAP_FFMPEG);  // GStreamer's fallback only adds noise
        }
    } catch (const cv::Exception& e) {
        return makeError("scan.open_failed", describe() + ": " + e.what());
    }
    if (!opened || !m_capture.isOpened()) {
        return makeError(isLive() ? "scan.camera_unavailable" : "scan.unreadable",
                         describe() + ": cannot be opened");
    }
    m_next = 0;
    return {};
}

ReadResult CaptureSource::read() {
    ReadResult result;
    if (!m_capture.isOpened()) {
        result.error = describe() + ": not open";
        return result;
    }
    try {
        if (!m_capture.read(result.frame.image) || result.frame.image.empty()) {
            if (isLive()) {
                result.error = describe() + ": read failed";
            } else {
                result.status = ReadStatus::EndOfStream;
            }
            return result;
        }
    } catch (const cv::Exception& e) {
        result.error = describe() + ": " + e.what();
        return result;
    }
    result.status = ReadStatus::Frame;
    result.frame.index = m_next++;
    result.frame.capturedAt = std::chrono::steady_clock::now();
    result.frame.origin = isLive() ? describe() : m_path;
    return result;
}

void CaptureSource::close() {
    if (m_capture.isOpened()) m_capture.release();
}

std::string CaptureSource::describe() const {
    return isLive() ? "camera " + std::to_string(m_cameraIndex) : m_path;
}

} // namespace bhxh::scan
