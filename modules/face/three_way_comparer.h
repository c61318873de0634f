#pragma once
#include "common/result.h"
#include "face/face_comparison.h"
#include "face/face_matcher.h"

#include <cstdint>
#include <vector>

namespace bhxh::face {

/// The three images of one declaration, encoded (JPEG/PNG bytes).
struct ThreeWayInput {
    std::vector<std::uint8_t> portrait;  ///< the photo uploaded with the declaration
    std::vector<std::uint8_t> live;      ///< the webcam frame at the desk
    std::vector<std::uint8_t> idCard;    ///< the photo cut from the scanned ID card (may be rotated)
};

/// portrait ↔ live, portrait ↔ ID-card photo, ID-card photo ↔ live. The ID-card photo is tried
/// at 0/90/180/270° and the most confident detection wins (never the best match: choosing the
/// rotation by score would push impostor scores up). Each image is analysed (and embedded) once:
/// a live frame that is the portrait's bytes is not analysed again.
class ThreeWayComparer {
public:
    ThreeWayComparer(FaceMatcher& matcher, BandPolicy policy) : m_matcher(matcher), m_policy(policy) {}

    /// An unreadable image fails the whole check with the image named; a face-less image is an
    /// answer (band no_face), not an error.
    Result<FaceEvidence> compare(const ThreeWayInput& input);

private:
    FaceMatcher& m_matcher;
    BandPolicy m_policy;
};

} // namespace bhxh::face
