#pragma once
#include "print/print_job.h"

#include <string>
#include <vector>

namespace bhxh::print {

/// A print job's state and the printer's reasons in the clerk's words: lang keys (assets/lang
/// print.*), chosen here so that every screen says the same.
class JobStatusText {
public:
    /// "print.state.sending" … "print.state.completed".
    [[nodiscard]] static const char* stateKey(JobState state);
    /// The job is over: completed, cancelled or aborted (stopped is not: it may go on).
    [[nodiscard]] static bool finished(JobState state);
    /// The reason that matters most to the clerk as a lang key ("print.reason.media_empty",
    /// "print.reason.stopped", "print.reason.offline" …), or "" when nothing needs doing.
    /// IPP's "-error", "-warning" and "-report" suffixes are read as the bare keyword; reports
    /// alone ask for nothing. `stopped`: printer-state says the printer is stopped.
    [[nodiscard]] static std::string reasonKey(const std::vector<std::string>& reasons, bool stopped = false);
    /// IPP's job-state enum (3…9) as a JobState; anything else is Pending.
    [[nodiscard]] static JobState fromIpp(int jobState);
};

} // namespace bhxh::print
