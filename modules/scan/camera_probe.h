#pragma once
#include <vector>

namespace bhxh::scan {

/// A camera that answered a probe.
struct CameraInfo {
    int index = 0;
    int width = 0;   ///< the driver's default frame size
    int height = 0;
};

/// Finds the cameras the clerk can pick from. OpenCV cannot list devices, so indices are probed
/// (open, read one frame, close). Slow (up to a second per camera): call it off the UI thread.
class CameraProbe {
public:
    /// Indices 0 … maxIndex-1 that open and deliver a frame.
    static std::vector<CameraInfo> enumerate(int maxIndex = 4);
};

} // namespace bhxh::scan
