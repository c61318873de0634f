#pragma once
#include "scan/capture_source.h"
#include "scan/frame_source.h"

#include <memory>
#include <string>

namespace bhxh::scan {

/// Builds the source a config value or a command-line argument names.
class SourceFactory {
public:
    /// "0", "1", … → camera by index; a folder → its images; an image file → that image;
    /// any other file → a video. A missing path is an error naming it.
    static Result<std::unique_ptr<FrameSource>> fromSpec(const std::string& spec, CameraSettings camera = {});
    /// True when spec is a camera index (only digits, at most 3).
    static bool isCameraIndex(const std::string& spec);
};

} // namespace bhxh::scan
