#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <cstdint>

namespace bhxh::chip {

/// How the portrait inside DG2 is encoded.
enum class FaceImageFormat { Jpeg, Jpeg2000 };

/// The first portrait of DG2 (ISO/IEC 19794-5 facial record).
struct FaceImage {
    FaceImageFormat format = FaceImageFormat::Jpeg;
    std::uint16_t width = 0;
    std::uint16_t height = 0;
    Bytes data; ///< the JPEG / JPEG 2000 file, as the chip holds it
};

/// Reads DG2: 75 → 7F61 → 7F60 → 5F2E (or 7F2E) → the "FAC" record → its first face image.
class FaceImageParser {
public:
    static constexpr std::size_t kMaxImageBytes = 256 * 1024;
    [[nodiscard]] static Result<FaceImage> parseDg2(ByteView dg2);
    /// The 19794-5 record alone (the biometric data block).
    [[nodiscard]] static Result<FaceImage> parseFacialRecord(ByteView record);
};

} // namespace bhxh::chip
