#include "scan/camera_probe.h"

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/videoio.hpp>

namespace bhxh::scan {

std::vector<CameraInfo> CameraProbe::enumerate(int maxIndex) {
    std::vector<CameraInfo> found;
    // A missing /dev/videoN makes OpenCV warn on stderr; a probe expects misses.
    const auto previous = cv::utils::logging::getLogLevel();
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    for (int index = 0; index < maxIndex; ++index) {
        try {
            cv::VideoCapture capture(index, cv::CAP_ANY);
            if (!capture.isOpened()) continue;
            cv::Mat frame;
            if (!capture.read(frame) || frame.empty()) continue;
            found.push_back({index, frame.cols, frame.rows});
        } catch (const cv::Exception&) {
            // A driver that throws is a camera we cannot use; keep probing.
        }
    }
    cv::utils::logging::setLogLevel(previous);
    return found;
}

} // namespace bhxh::scan
