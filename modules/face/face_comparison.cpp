#include "face/face_comparison.h"

#include "face/face_matcher.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace bhxh::face {
namespace {

void addNotes(std::vector<std::string>& notes, const FaceAnalysis& f, const char* side) {
    const std::string s(side);
    if (f.faceCount == 0) notes.push_back("no_face_" + s);
    if (f.faceCount > 1) notes.push_back("several_faces_" + s);
    if (f.tinyFace) notes.push_back("tiny_face_" + s);
    if (f.grayscale) notes.push_back("grayscale_" + s);
    if (f.downscaled) notes.push_back("downscaled_" + s);
    if (f.rotationDegrees != 0) notes.push_back("rotated_" + s + "_" + std::to_string(f.rotationDegrees));
}

double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

} // namespace

PairComparison comparePair(const std::string& label, const FaceAnalysis& a, const FaceAnalysis& b,
                           const BandPolicy& policy) {
    PairComparison pair;
    pair.label = label;
    pair.facesA = a.faceCount;
    pair.facesB = b.faceCount;
    addNotes(pair.notes, a, "a");
    addNotes(pair.notes, b, "b");
    if (!a.embedding.empty() && !b.embedding.empty()) pair.score = cosineSimilarity(a.embedding, b.embedding);
    pair.band = policy.classify(pair.score, a.tinyFace || b.tinyFace);
    return pair;
}

std::string FaceEvidence::toJson() const {
    nlohmann::json j;
    j["thresholds"] = {{"same_at_or_above", thresholds.sameAtOrAbove}, {"different_below", thresholds.differentBelow}};
    j["models"] = models;
    if (liveLiveness) j["live_liveness_advisory"] = round4(*liveLiveness);
    j["pairs"] = nlohmann::json::array();
    for (const auto& p : pairs) {
        nlohmann::json e{{"pair", p.label}, {"band", std::string(bandName(p.band))},
                         {"faces_a", p.facesA}, {"faces_b", p.facesB}, {"notes", p.notes}};
        e["score"] = p.score ? nlohmann::json(round4(*p.score)) : nlohmann::json(nullptr);
        j["pairs"].push_back(std::move(e));
    }
    return j.dump();
}

} // namespace bhxh::face
