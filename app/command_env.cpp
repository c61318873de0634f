#include "app/command_env.h"

#include "app/config_loader.h"
#include "common/image_header.h"

#include <cstdlib>
#include <iostream>

namespace bhxh::app {

const AppConfig* CommandEnv::config() {
    if (m_loaded) return m_config ? &*m_config : nullptr;
    m_loaded = true;
    AppConfig config;
    std::optional<std::filesystem::path> explicitPath;
    if (!configPath.empty()) explicitPath = configPath;
    if (auto path = ConfigLoader::locate(explicitPath)) {
        auto loaded = ConfigLoader::loadFile(*path);
        if (!loaded) {
            std::cerr << "bhxh-desk: " << loaded.error().message << '\n';
            m_exitCode = kExitUsage;
            return nullptr;
        }
        config = std::move(loaded).value();
    }
    if (kiosk) config.ui.kiosk = true;
    if (!language.empty()) config.ui.language = language;
    if (!officer.empty()) config.ui.officerPrefill = officer;
    ConfigLoader::resolveDefaults(config);
    // OpenCV's own pixel limit, before anything is decoded: the second fence behind the header
    // checks (scan, face, portal photos).
    image::setDecoderPixelLimit(static_cast<std::uint64_t>(config.images.maxPixels));
    // FFmpeg (GIF and AVIF pictures, video files as a camera) would print its own lines on a
    // broken file ("[gif @ 0x…] invalid block label") beside ours, which name the file and say
    // what is wrong: quiet (AV_LOG_QUIET), unless the environment asks for its log.
    ::setenv("OPENCV_FFMPEG_LOGLEVEL", "-8", /*overwrite=*/0);
    m_config = std::move(config);
    return &*m_config;
}

} // namespace bhxh::app
