#pragma once
#include "declarations/decision.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::declarations {

/// An approval drawn for the supervisor's re-check, with the decision it samples and what the
/// supervisor made of it (docs/supervision.md).
struct QaSample {
    std::int64_t id = 0;
    std::string reason;  ///< random | new_officer | acknowledged | second_officer
    std::chrono::system_clock::time_point sampledAt{};
    std::string state = "open";  ///< open | confirmed | flagged
    std::string reviewerId;
    std::optional<std::chrono::system_clock::time_point> reviewedAt;
    std::string flagReason;  ///< a code of QaReview::flagReasons() when flagged
    std::string note;
    bool followUp = false;   ///< the citizen is to be contacted again
    Decision decision;       ///< the approval as it was recorded (checks, acknowledgements, who)
};

/// A supervisor's verdict on one sample.
struct QaReview {
    std::int64_t sampleId = 0;
    bool flagged = false;
    std::string flagReason;  ///< required when flagged
    std::string note;        ///< free text, at most kMaxNote bytes
    bool followUp = false;
    std::string reviewerId;
    std::chrono::system_clock::time_point at{};

    static constexpr std::size_t kMaxNote = 500;
    /// The reasons a supervisor may flag with (lang key "qa.flag.<code>").
    static const std::vector<std::string>& flagReasons();
};

/// The re-check figures of a period, in total and per approving officer.
struct QaOfficerFigures {
    std::string officerId;
    int sampled = 0;
    int confirmed = 0;
    int flagged = 0;
};
struct QaFigures {
    int sampled = 0;
    int confirmed = 0;
    int flagged = 0;
    int open = 0;
    int followUps = 0;
    std::vector<QaOfficerFigures> officers;  ///< by officer id
};

} // namespace bhxh::declarations
