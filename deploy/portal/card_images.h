#pragma once
#include "seeder.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace portal {

/// Draws the seeded photos: portraits from redistributable face photos (or a plain generated
/// stand-in when none is available), ID card sides with the portrait inset, birth certificates.
class CardImages {
public:
    /// Loads the face photos that exist among the paths; the rest are skipped with a warning.
    /// A photo path may end with "@x,y,w,h": the portrait crop (else the upper centre, 3:4).
    explicit CardImages(const std::vector<std::string>& facePhotoPaths);
    [[nodiscard]] bool hasRealFaces() const { return !m_faces.empty(); }
    /// Portrait of the index-th citizen, 360×480 JPEG.
    std::string portraitJpeg(std::size_t index, bool male) const;
    /// Front of a CCCD with the portrait inset and the card's text (without diacritics:
    /// OpenCV's Hershey fonts have no Vietnamese glyphs).
    std::string idFrontJpeg(const Person& p, std::size_t index) const;
    std::string idBackJpeg(const Person& p) const;
    std::string birthCertificateJpeg(const Person& child, const Person& parent) const;

private:
    cv::Mat portrait(std::size_t index, bool male) const;
    std::vector<cv::Mat> m_faces;
};

} // namespace portal
