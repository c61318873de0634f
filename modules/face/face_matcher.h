#pragma once
#include "common/result.h"
#include "face/face_types.h"

#include <cstdint>
#include <filesystem>
#include <span>

namespace bhxh::face {

/// Turns an image into a FaceAnalysis. The OpenCV DNN implementation lives in face_cv
/// (adapters/); a deployment can swap in its own model behind this interface.
/// Implementations must be safe to call from one worker thread at a time.
class FaceMatcher {
public:
    virtual ~FaceMatcher() = default;

    /// Analyses encoded image bytes (JPEG, PNG, ...). Errors: face.unreadable_image,
    /// face.image_too_large, face.model_failed.
    virtual Result<FaceAnalysis> analyze(std::span<const std::uint8_t> encoded, const AnalyzeOptions& options) = 0;
    /// Reads the file, then analyze(). Error face.unreadable_file names the path.
    virtual Result<FaceAnalysis> analyzeFile(const std::filesystem::path& path, const AnalyzeOptions& options);
    /// The sha256 of each model file in use, for the decision record.
    [[nodiscard]] virtual ModelHashes modelHashes() const = 0;
};

/// Cosine similarity of two embeddings; 0 when either is empty or their sizes differ.
[[nodiscard]] double cosineSimilarity(const std::vector<float>& a, const std::vector<float>& b);

} // namespace bhxh::face
