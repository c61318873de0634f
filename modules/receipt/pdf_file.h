#pragma once
#include "common/result.h"

#include <cairo.h>

#include <filesystem>
#include <functional>
#include <string>

namespace bhxh::receipt {

/// Writes an A4 PDF safely: drawn into memory, then written with writePrivateFile (0600
/// temporary file, synced, renamed into place), so a reader never sees half a PDF. `drawPages`
/// draws on the cairo context (cairo_show_page between pages; the last one is shown here).
/// `errorCode` prefixes the I/O errors ("receipt.io", "report.io").
class PdfFile {
public:
    using DrawFn = std::function<Result<void>(cairo_t*)>;
    static Result<void> write(const std::filesystem::path& out, const std::string& title, const DrawFn& drawPages,
                              const std::string& errorCode);
};

} // namespace bhxh::receipt
