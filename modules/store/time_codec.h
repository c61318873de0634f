#pragma once
#include <chrono>
#include <cstdint>

namespace bhxh::store {

/// The store keeps times as Unix milliseconds (UTC).
inline std::int64_t toMs(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

inline std::chrono::system_clock::time_point fromMs(std::int64_t ms) {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::milliseconds(ms)));
}

} // namespace bhxh::store
