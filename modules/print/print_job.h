#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace bhxh::print {

/// Where a print job is: the desk's own first step (sending the document), then the printer's
/// job-state (RFC 8011 §5.3.7).
enum class JobState { Sending, Pending, Held, Processing, Stopped, Cancelled, Aborted, Completed };

/// A job as last seen, with what the printer says about itself.
struct JobStatus {
    JobState state = JobState::Sending;
    int jobId = 0;                             ///< the printer's job-id, 0 before it took the job
    std::vector<std::string> printerReasons;   ///< printer-state-reasons without "none"
    std::vector<std::string> jobReasons;       ///< job-state-reasons without "none"
    bool printerStopped = false;               ///< printer-state is "stopped"
};

/// A PDF to print.
struct PrintRequest {
    std::string printerUri;     ///< ipp://host:port/ipp/print or ipps://…
    std::filesystem::path pdf;  ///< kept whatever happens: "save as PDF" is the fallback
    std::string title;          ///< job-name: no personal data (a dossier number at most)
    std::string user;           ///< requesting-user-name: the officer's id
};

/// A printer offered on the settings screen.
struct PrinterChoice {
    std::string uri;
    std::string name;           ///< as CUPS or the printer calls it
    std::string info;           ///< location or make and model, may be empty
};

} // namespace bhxh::print
