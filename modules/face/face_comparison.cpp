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

std::vector<PairComparison> FaceEvidence::pairsFromJson(const std::string& text) {
    constexpr std::size_t kMaxPairs = 8;
    constexpr std::size_t kMaxLabel = 40;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return {};
    const auto pairs = j.find("pairs");
    if (pairs == j.end() || !pairs->is_array() || pairs->size() > kMaxPairs) return {};
    std::vector<PairComparison> out;
    for (const auto& e : *pairs) {
        if (!e.is_object()) return {};
        const auto label = e.find("pair");
        const auto band = e.find("band");
        const auto score = e.find("score");
        if (label == e.end() || !label->is_string() || band == e.end() || !band->is_string()) return {};
        PairComparison p;
        p.label = label->get<std::string>();
        const auto parsed = parseBand(band->get<std::string>());
        if (p.label.empty() || p.label.size() > kMaxLabel || !parsed) return {};
        p.band = *parsed;
        if (score != e.end() && score->is_number()) {
            p.score = score->get<double>();
        } else if (score != e.end() && !score->is_null()) {
            return {};
        }
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace bhxh::face
