#pragma once
#include "face/face_types.h"
#include "face/score_band.h"

#include <optional>
#include <string>
#include <vector>

namespace bhxh::face {

/// One pair's answer: the score (absent when a side has no face), its band, and notes the clerk
/// should read ("several_faces_a", "tiny_face_b", "rotated_b_90", "grayscale_a", ...).
struct PairComparison {
    std::string label;  ///< e.g. "portrait-live"
    std::optional<double> score;
    Band band = Band::NoFace;
    int facesA = 0;
    int facesB = 0;
    std::vector<std::string> notes;
};

/// Scores two analyses and bands the score under the policy.
[[nodiscard]] PairComparison comparePair(const std::string& label, const FaceAnalysis& a, const FaceAnalysis& b,
                                         const BandPolicy& policy);

/// What a declaration's face check records: every pair, the cut-offs and the model hashes.
struct FaceEvidence {
    std::vector<PairComparison> pairs;
    Thresholds thresholds;
    ModelHashes models;
    std::optional<float> liveLiveness;  ///< advisory figure for the live frame

    /// Compact JSON for the decision record (scores rounded to 4 decimals).
    [[nodiscard]] std::string toJson() const;
    /// The pairs of a record toJson() wrote, read back for a reviewer (labels, scores, bands;
    /// at most 8 pairs). Anything else — not JSON, another shape, an unknown band, a label longer
    /// than 40 bytes — gives no pairs: a stored record is evidence, never trusted to be well formed.
    [[nodiscard]] static std::vector<PairComparison> pairsFromJson(const std::string& json);
};

} // namespace bhxh::face
