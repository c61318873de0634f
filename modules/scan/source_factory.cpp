#include "scan/source_factory.h"

#include "scan/image_folder_source.h"

#include <filesystem>

namespace bhxh::scan {

bool SourceFactory::isCameraIndex(const std::string& spec) {
    return !spec.empty() && spec.size() <= 3 && spec.find_first_not_of("0123456789") == std::string::npos;
}

Result<std::unique_ptr<FrameSource>> SourceFactory::fromSpec(const std::string& spec, CameraSettings camera) {
    if (isCameraIndex(spec)) {
        return std::unique_ptr<FrameSource>(std::make_unique<CaptureSource>(std::stoi(spec), camera));
    }
    const std::filesystem::path path(spec);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec) ||
        (std::filesystem::is_regular_file(path, ec) && ImageFolderSource::isImageFile(path))) {
        return std::unique_ptr<FrameSource>(std::make_unique<ImageFolderSource>(path, camera.maxImagePixels));
    }
    if (std::filesystem::is_regular_file(path, ec)) {
        return std::unique_ptr<FrameSource>(std::make_unique<CaptureSource>(spec));
    }
    return makeError("scan.unreadable", spec + ": no such file, folder or camera index");
}

} // namespace bhxh::scan
