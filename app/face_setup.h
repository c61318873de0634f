#pragma once
#include "app/app_config.h"
#include "face/adapters/cv_face_matcher.h"
#include "face/score_band.h"

#include <filesystem>

namespace bhxh::app {

/// The face pipeline as [face] configures it, shared by the console and the face commands.
class FaceSetup {
public:
    [[nodiscard]] static face::CvFaceOptions options(const AppConfig& config);
    [[nodiscard]] static std::filesystem::path modelsDir(const AppConfig& config);
    [[nodiscard]] static face::BandPolicy policy(const AppConfig& config);
};

} // namespace bhxh::app
