#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::face {

/// A detected face in image pixels (after any rotation the analysis applied).
struct FaceBox {
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    float score = 0;  ///< detector confidence 0..1
    [[nodiscard]] float width() const { return x2 - x1; }
    [[nodiscard]] float height() const { return y2 - y1; }
};

/// What one image yielded: how many faces, the best one (highest detector score, never the
/// largest: a large background false positive must not win) and its embedding.
struct FaceAnalysis {
    int faceCount = 0;
    std::optional<FaceBox> best;
    std::vector<float> embedding;      ///< unit length; empty when no face was found
    std::optional<float> liveness;     ///< advisory only: the liveness model is not validated
    int rotationDegrees = 0;           ///< clockwise rotation applied before detection (ID photos)
    int imageWidth = 0;
    int imageHeight = 0;
    bool grayscale = false;            ///< the source had no colour; compared as grey in BGR
    bool tinyFace = false;             ///< best face is smaller than the configured minimum
    bool downscaled = false;           ///< the source was larger than the maximum and was shrunk
    /// RMS distance (in 112×112 template pixels) between the aligned 5 landmarks and the
    /// template: small for an upright face, large when the landmarks are nonsense (e.g. a
    /// face on its side), so it picks the rotation of an ID photo.
    float alignmentError = 0;
    std::string imageSha256;           ///< hex sha256 of the encoded bytes (cache key, evidence)
};

/// How an image is analysed.
struct AnalyzeOptions {
    bool tryRotations = false;  ///< try 0/90/180/270° and keep the most confident face (ID photos)
    bool liveness = false;      ///< also compute the advisory liveness figure (live frames only)
};

/// Model file name → hex sha256 of the file actually loaded; goes into every decision record.
using ModelHashes = std::map<std::string, std::string>;

} // namespace bhxh::face
