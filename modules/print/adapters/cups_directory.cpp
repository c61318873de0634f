#include "print/adapters/cups_directory.h"

#include <cups/cups.h>

#include <algorithm>
#include <string>

namespace bhxh::print {

Result<std::vector<PrinterChoice>> CupsDirectory::list() {
    cups_dest_t* dests = nullptr;
    const int count = cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
    std::vector<PrinterChoice> out;
    if (count <= 0) {
        cupsFreeDests(count, dests);
        if (cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
            return makeError("print.error.no_cups", std::string("CUPS does not answer: ") + cupsLastErrorString());
        }
        return out;
    }
    for (int i = 0; i < count && out.size() < 64; ++i) {
        const cups_dest_t& d = dests[i];
        if (d.instance) continue;  // an instance is the same printer with other options
        PrinterChoice c;
        c.name = d.name ? d.name : "";
        const char* uri = cupsGetOption("printer-uri-supported", d.num_options, d.options);
        c.uri = uri ? uri : "ipp://localhost:631/printers/" + c.name;
        const char* info = cupsGetOption("printer-info", d.num_options, d.options);
        const char* location = cupsGetOption("printer-location", d.num_options, d.options);
        c.info = location && *location ? location : (info ? info : "");
        if (d.is_default) {
            out.insert(out.begin(), c);
        } else {
            out.push_back(c);
        }
    }
    cupsFreeDests(count, dests);
    return out;
}

} // namespace bhxh::print
