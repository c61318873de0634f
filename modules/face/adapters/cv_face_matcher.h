#pragma once
#include "common/result.h"
#include "face/face_matcher.h"

#include <cstdint>
#include <filesystem>
#include <memory>

namespace bhxh::face {

/// Tuning of the OpenCV DNN pipeline; the defaults are those measured in face-pipeline.md.
struct CvFaceOptions {
    float detectThreshold = 0.65f;  ///< detector score for a box to count as a face
    float nmsThreshold = 0.4f;
    int minFacePx = 40;             ///< best face shorter than this → tinyFace (never "same")
    int maxImageSide = 1600;        ///< larger images are shrunk first
    std::size_t maxImageBytes = 25u * 1024u * 1024u;
    std::uint64_t maxImagePixels = 40'000'000;  ///< width × height an image's header may declare ([images] max_pixels)
    std::size_t cacheEntries = 256; ///< analyses kept by image sha256
    bool liveness = true;           ///< allow the advisory liveness figure (AnalyzeOptions::liveness asks for it)
};

/// Detector (highest score after NMS) → 68 landmarks → 5-point similarity alignment onto the
/// ArcFace 112×112 template → 512-d embedding; plus an advisory liveness score.
/// One instance is used by one thread at a time (cv::dnn::Net is not re-entrant).
class CvFaceMatcher final : public FaceMatcher {
public:
    /// Verifies the pinned hashes, then loads the models from `modelsDir`.
    /// Errors: face.models_missing, face.models_mismatch, face.model_failed.
    static Result<std::unique_ptr<CvFaceMatcher>> load(const std::filesystem::path& modelsDir,
                                                       const CvFaceOptions& options = {});
    ~CvFaceMatcher() override;

    Result<FaceAnalysis> analyze(std::span<const std::uint8_t> encoded, const AnalyzeOptions& options) override;
    [[nodiscard]] ModelHashes modelHashes() const override;
    /// Analyses served from the cache so far.
    [[nodiscard]] std::size_t cacheHits() const;

private:
    struct Impl;
    explicit CvFaceMatcher(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace bhxh::face
