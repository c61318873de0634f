#include "print/job_status_text.h"

#include <array>
#include <string_view>
#include <utility>

namespace bhxh::print {

const char* JobStatusText::stateKey(JobState state) {
    switch (state) {
    case JobState::Sending: return "print.state.sending";
    case JobState::Pending: return "print.state.pending";
    case JobState::Held: return "print.state.held";
    case JobState::Processing: return "print.state.processing";
    case JobState::Stopped: return "print.state.stopped";
    case JobState::Cancelled: return "print.state.cancelled";
    case JobState::Aborted: return "print.state.aborted";
    case JobState::Completed: return "print.state.completed";
    }
    return "print.state.pending";
}

bool JobStatusText::finished(JobState state) {
    return state == JobState::Completed || state == JobState::Cancelled || state == JobState::Aborted;
}

JobState JobStatusText::fromIpp(int jobState) {
    switch (jobState) {
    case 3: return JobState::Pending;
    case 4: return JobState::Held;
    case 5: return JobState::Processing;
    case 6: return JobState::Stopped;
    case 7: return JobState::Cancelled;
    case 8: return JobState::Aborted;
    case 9: return JobState::Completed;
    default: return JobState::Pending;
    }
}

std::string JobStatusText::reasonKey(const std::vector<std::string>& reasons, bool stopped) {
    // Most pressing first: what the clerk can fix at the printer, then what they cannot.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kMap{{
        {"media-empty", "print.reason.media_empty"},
        {"media-needed", "print.reason.media_empty"},
        {"media-jam", "print.reason.media_jam"},
        {"door-open", "print.reason.door_open"},
        {"cover-open", "print.reason.door_open"},
        {"toner-empty", "print.reason.toner_empty"},
        {"marker-supply-empty", "print.reason.toner_empty"},
        {"offline", "print.reason.offline"},
        {"shutdown", "print.reason.offline"},
        {"connecting-to-device", "print.reason.offline"},
        {"timed-out", "print.reason.offline"},
        {"paused", "print.reason.stopped"},
        {"moving-to-paused", "print.reason.stopped"},
        {"stopped", "print.reason.stopped"},
    }};
    bool error = false;
    std::vector<std::string_view> bare;
    for (const std::string& r : reasons) {
        std::string_view k = r;
        bool report = false;
        for (std::string_view suffix : {"-error", "-warning", "-report"}) {
            if (k.size() > suffix.size() && k.ends_with(suffix)) {
                report = suffix == "-report";
                error = error || suffix == "-error";
                k.remove_suffix(suffix.size());
                break;
            }
        }
        if (!report && k != "none") bare.push_back(k);
    }
    for (const auto& [keyword, key] : kMap) {
        for (std::string_view k : bare) {
            if (k == keyword) return std::string(key);
        }
    }
    if (stopped) return "print.reason.stopped";
    if (error) return "print.reason.other";
    return "";
}

} // namespace bhxh::print
