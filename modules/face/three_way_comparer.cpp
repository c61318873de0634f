#include "face/three_way_comparer.h"

namespace bhxh::face {
namespace {

Result<FaceAnalysis> analyzeNamed(FaceMatcher& matcher, const std::vector<std::uint8_t>& bytes, const char* name,
                                  bool rotations, bool liveness = false) {
    AnalyzeOptions options;
    options.tryRotations = rotations;
    options.liveness = liveness;
    auto result = matcher.analyze(bytes, options);
    if (!result) return makeError(result.error().code, std::string(name) + " image: " + result.error().message);
    return result;
}

} // namespace

Result<FaceEvidence> ThreeWayComparer::compare(const ThreeWayInput& input) {
    // Before the live photo is taken the desk passes the portrait as the live frame too: one
    // analysis (with the liveness figure) serves both.
    const bool portraitIsLive = input.portrait == input.live;
    auto portrait = analyzeNamed(m_matcher, input.portrait, "portrait", false, portraitIsLive);
    if (!portrait) return portrait.error();
    auto live = portraitIsLive ? portrait : analyzeNamed(m_matcher, input.live, "live", false, true);
    if (!live) return live.error();
    auto idCard = analyzeNamed(m_matcher, input.idCard, "ID-card", true);
    if (!idCard) return idCard.error();

    FaceEvidence evidence;
    evidence.thresholds = m_policy.thresholds();
    evidence.models = m_matcher.modelHashes();
    evidence.liveLiveness = live->liveness;
    evidence.pairs.push_back(comparePair("portrait-live", *portrait, *live, m_policy));
    evidence.pairs.push_back(comparePair("portrait-idcard", *portrait, *idCard, m_policy));
    evidence.pairs.push_back(comparePair("idcard-live", *idCard, *live, m_policy));
    return evidence;
}

} // namespace bhxh::face
