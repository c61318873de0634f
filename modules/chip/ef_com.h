#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <string>
#include <vector>

namespace bhxh::chip {

/// EF.COM (ICAO 9303-10): the LDS version and the data groups the chip says it holds.
struct EfCom {
    std::string ldsVersion;      ///< "0107" → 1.7
    std::string unicodeVersion;  ///< "040000"
    std::vector<int> dataGroups; ///< 1..16, in the chip's order
};

class EfComParser {
public:
    /// Tag 60 holding 5F01 (LDS version), 5F36 (Unicode version) and 5C (the DG tag list).
    [[nodiscard]] static Result<EfCom> parse(ByteView data);
    /// The data-group number of an LDS DG tag (0x61 → 1, 0x75 → 2, 0x6D → 13), or 0.
    [[nodiscard]] static int dataGroupOfTag(std::uint8_t tag);
};

} // namespace bhxh::chip
