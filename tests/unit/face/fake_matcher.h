#pragma once
// A FaceMatcher for domain tests: the "image" bytes are a tiny script, not a picture.
// "face:x,y" → one face with embedding (x,y); "none" → no face; "bad" → unreadable;
// with tryRotations, "turned:x,y" → a face found at 90°.
#include "face/face_matcher.h"

#include <atomic>
#include <sstream>
#include <string>

namespace bhxh::face::test {

class FakeMatcher : public FaceMatcher {
public:
    Result<FaceAnalysis> analyze(std::span<const std::uint8_t> encoded, const AnalyzeOptions& options) override {
        ++calls;
        const std::string text(encoded.begin(), encoded.end());
        if (text == "bad") return makeError("face.unreadable_image", "not a readable image");
        FaceAnalysis a;
        std::string coords;
        if (text.rfind("face:", 0) == 0) {
            coords = text.substr(5);
        } else if (text.rfind("turned:", 0) == 0 && options.tryRotations) {
            coords = text.substr(7);
            a.rotationDegrees = 90;
        }
        if (!coords.empty()) {
            std::istringstream in(coords);
            float x = 0, y = 0;
            char comma = 0;
            in >> x >> comma >> y;
            a.faceCount = 1;
            a.embedding = {x, y};
            a.liveness = 0.8f;
        }
        return a;
    }
    [[nodiscard]] ModelHashes modelHashes() const override { return {{"fake.onnx", "abc"}}; }
    std::atomic<int> calls{0};
};

inline std::vector<std::uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

} // namespace bhxh::face::test
