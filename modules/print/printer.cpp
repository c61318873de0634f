#include "print/printer.h"

#include <string_view>

namespace bhxh::print {

Printer::~Printer() = default;

bool Printer::acceptableUri(const std::string& uri) {
    if (uri.empty()) return true;
    if (uri.size() > 1024) return false;
    for (const char c : uri) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
    }
    for (const std::string_view scheme : {"ipp://", "ipps://"}) {
        if (uri.rfind(scheme, 0) == 0) return uri.size() > scheme.size() && uri[scheme.size()] != '/';
    }
    return false;
}

} // namespace bhxh::print
