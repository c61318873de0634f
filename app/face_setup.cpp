#include "app/face_setup.h"

#include "face/adapters/face_models.h"

namespace bhxh::app {

face::CvFaceOptions FaceSetup::options(const AppConfig& c) {
    face::CvFaceOptions o;
    o.minFacePx = c.face.minFacePx;
    o.maxImageSide = c.face.maxImageSide;
    o.maxImageBytes = static_cast<std::size_t>(c.face.maxImageMb) * 1024u * 1024u;
    o.maxImagePixels = static_cast<std::uint64_t>(c.images.maxPixels);
    o.cacheEntries = static_cast<std::size_t>(c.face.cacheEntries);
    o.liveness = c.face.liveness;
    return o;
}

std::filesystem::path FaceSetup::modelsDir(const AppConfig& c) {
    return c.face.modelsDir.empty() ? face::defaultModelsDir() : c.face.modelsDir;
}

face::BandPolicy FaceSetup::policy(const AppConfig& c) {
    return face::BandPolicy(face::Thresholds{c.face.sameAtOrAbove, c.face.differentBelow});
}

} // namespace bhxh::app
