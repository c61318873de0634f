#pragma once
#include "print/printer.h"

namespace bhxh::print {

/// A Printer spoken to over IPP with libcups, straight at its URI (ipp://, ipps://): no local
/// cupsd is needed, so a printer CUPS does not know (an IPP Everywhere printer on the network,
/// ippeveprinter in the tests) works the same. Get-Printer-Attributes first (a stopped printer
/// or one that takes no PDF is refused before anything is sent), then Print-Job with the PDF,
/// then Get-Job-Attributes and the printer's state every Limits::poll until the job ends, the
/// job wait runs out or `stop` is requested. Every network wait is bounded (httpConnect2's
/// timeout and cancel flag, httpSetTimeout's callback).
class IppPrinter final : public Printer {
public:
    explicit IppPrinter(Limits limits = {});
    Result<JobStatus> print(const PrintRequest& request, const Progress& progress, std::stop_token stop) override;

private:
    Limits m_limits;
};

} // namespace bhxh::print
