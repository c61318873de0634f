#pragma once
#include "chip/apdu_channel.h"
#include "chip/bac_key.h"
#include "chip/chip_verdict.h"
#include "chip/dg13.h"
#include "chip/ef_com.h"
#include "chip/face_image.h"
#include "chip/mrz_td1.h"
#include "chip_pcsc/active_authenticator.h"
#include "chip_pcsc/passive_authenticator.h"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <stop_token>
#include <vector>

namespace bhxh::chip {

/// Cost of one file read, for the benchmark and `chip read --json`.
struct FileReadStats {
    int dataGroup = 0; ///< 0 for EF.COM, 99 for EF.SOD
    std::size_t bytes = 0;
    std::size_t apdus = 0;
    double milliseconds = 0;
};

/// Everything read from one chip and what the checks said.
struct ChipReading {
    EfCom com;
    MrzTd1 mrz;
    std::optional<FaceImage> face;
    std::optional<Dg13> dg13;
    std::map<int, Bytes> dataGroups;
    PassiveAuthResult passive;
    ActiveAuthResult active;
    ChipVerdict verdict;
    std::vector<FileReadStats> files;
    double bacMilliseconds = 0;
    double readMilliseconds = 0;
    double verifyMilliseconds = 0;
    std::size_t apdus = 0;
    std::size_t bytesOut = 0;
    std::size_t bytesIn = 0;
};

struct ChipReadOptions {
    std::stop_token stop;
    /// Called after each chunk: file (data group, 0 = EF.COM, 99 = EF.SOD), bytes read, bytes in all.
    std::function<void(int, std::size_t, std::size_t)> progress;
};

/// Reads a CCCD chip: BAC, EF.COM, DG1, DG2, DG13, DG15 (when listed), EF.SOD; passive
/// authentication; active authentication when DG15 is there. Files are bounded to 32 767 bytes
/// (short READ BINARY offsets); the stop token is checked between APDUs.
class ChipDocumentReader {
public:
    static constexpr std::size_t kMaxFileBytes = 32767;
    [[nodiscard]] static Result<ChipReading> read(ApduChannel& channel, const BacKeys& keys, const CscaStore& cscas,
                                                  const ChipReadOptions& options = {});
};

} // namespace bhxh::chip
