#pragma once
#include "common/result.h"
#include "print/print_job.h"

#include <chrono>
#include <functional>
#include <stop_token>
#include <string>

namespace bhxh::print {

/// Sends a PDF to a printer and follows the job until it is printed. Implemented over IPP by
/// print::IppPrinter (adapters/); tests may use their own.
///
/// Error codes are lang keys (print.error.*): no_printer (no URI), bad_uri, unreachable,
/// refused (the printer said no), stopped (the printer is stopped; the detail is the reason's
/// lang key), format (it takes no PDF), file (the PDF cannot be read), failed (the job was
/// aborted or cancelled at the printer), timeout (not printed within the wait), cancelled (the
/// desk is stopping). Whatever happens the PDF stays where it is.
class Printer {
public:
    /// How long each step may take. Every wait ends at these bounds or at a stop request.
    struct Limits {
        std::chrono::milliseconds connect{5000};   ///< opening the connection
        std::chrono::milliseconds io{15000};       ///< one request and its answer
        std::chrono::milliseconds poll{500};       ///< between two looks at the job
        std::chrono::milliseconds job{120000};     ///< from sending until printed
    };
    using Progress = std::function<void(const JobStatus&)>;

    virtual ~Printer();
    /// Sends `request.pdf` and follows the job; `progress` sees every change of state or reasons
    /// (on the calling thread). Returns the final status (Completed) or an error.
    virtual Result<JobStatus> print(const PrintRequest& request, const Progress& progress, std::stop_token stop) = 0;

    /// What [print] printer_uri and the settings screen accept: empty (no printer: save as PDF
    /// only) or an ipp:// / ipps:// URI with a host, at most 1024 bytes, no spaces or controls.
    [[nodiscard]] static bool acceptableUri(const std::string& uri);
};

} // namespace bhxh::print
