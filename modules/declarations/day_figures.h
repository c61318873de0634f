#pragma once
#include <array>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// Decisions of one officer in a day.
struct OfficerDayCounts {
    std::string officerId;
    int approved = 0;
    int rejected = 0;
};

/// One day's figures for the supervisor's dashboard (local time).
struct DayFigures {
    std::string day;  ///< YYYY-MM-DD
    int approved = 0;
    int rejected = 0;
    int pending = 0;   ///< pending or claimed now
    int expired = 0;   ///< expired (deadline passed undecided) — expires_at on that day
    std::array<int, 24> approvedByHour{};
    std::array<int, 24> rejectedByHour{};
    std::vector<OfficerDayCounts> officers;
};

} // namespace bhxh::declarations
