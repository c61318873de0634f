#pragma once
#include <array>
#include <string>
#include <vector>

namespace bhxh::ui {

/// Decisions of one officer today.
struct OfficerDayCounts {
    std::string officerId;
    int approved = 0;
    int rejected = 0;
};

/// Today's figures for the supervisor.
struct DashboardSnapshot {
    std::string day;  ///< YYYY-MM-DD (local)
    int approved = 0;
    int rejected = 0;
    int pending = 0;
    int expired = 0;
    std::array<int, 24> approvedByHour{};
    std::array<int, 24> rejectedByHour{};
    std::vector<OfficerDayCounts> officers;
    std::string errorKey;
    std::string exportMessage;  ///< where the last CSV went (translated), or why it failed
};

} // namespace bhxh::ui
