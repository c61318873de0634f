#include "face/score_band.h"

namespace bhxh::face {

std::string_view bandName(Band band) {
    switch (band) {
    case Band::Same: return "same";
    case Band::Review: return "review";
    case Band::Different: return "different";
    case Band::NoFace: return "no_face";
    }
    return "no_face";
}

std::optional<Band> parseBand(std::string_view name) {
    for (Band b : {Band::Same, Band::Review, Band::Different, Band::NoFace})
        if (bandName(b) == name) return b;
    return std::nullopt;
}

std::optional<std::string> BandPolicy::validate(const Thresholds& t) {
    if (t.sameAtOrAbove < -1.0 || t.sameAtOrAbove > 1.0) return "face.same_at_or_above must be from -1 to 1";
    if (t.differentBelow < -1.0 || t.differentBelow > 1.0) return "face.different_below must be from -1 to 1";
    if (t.differentBelow > t.sameAtOrAbove) {
        return "face.different_below must not be above face.same_at_or_above";
    }
    return std::nullopt;
}

Band BandPolicy::classify(std::optional<double> score, bool tinyFace) const {
    if (!score) return Band::NoFace;
    if (*score < m_thresholds.differentBelow) return Band::Different;
    if (*score >= m_thresholds.sameAtOrAbove && !tinyFace) return Band::Same;
    return Band::Review;
}

} // namespace bhxh::face
