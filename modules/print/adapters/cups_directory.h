#pragma once
#include "common/result.h"
#include "print/print_job.h"

#include <vector>

namespace bhxh::print {

/// The printers the local CUPS knows (cupsGetDests2 on the default server, or lpoptions' own),
/// for the settings screen. Without a cupsd the list is empty and the error says so; a printer
/// URI can always be typed in.
class CupsDirectory {
public:
    /// At most 64 printers, default first. Each URI is the one to send jobs to
    /// ("printer-uri-supported", else ipp://localhost:631/printers/<name>).
    static Result<std::vector<PrinterChoice>> list();
};

} // namespace bhxh::print
