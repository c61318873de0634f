#include "receipt/pdf_file.h"

#include "common/private_file.h"
#include "common/unicode_text.h"
#include "receipt/pdf_page.h"

#include <cairo-pdf.h>

#include <memory>

namespace bhxh::receipt {
namespace {

struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

// The PDF is drawn into memory (a page or two, tens of kB), then written with writePrivateFile.
cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

Result<void> PdfFile::write(const std::filesystem::path& out, const std::string& title, const DrawFn& drawPages,
                            const std::string& code) {
    std::string pdf;
    Result<void> drawn;
    {
        std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
            cairo_pdf_surface_create_for_stream(appendToString, &pdf, PdfPage::kA4Width, PdfPage::kA4Height));
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, text::nfc(title).c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "bhxh-desk");
        std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
        drawn = drawPages(cr.get());
        cairo_show_page(cr.get());
        cr.reset();
        cairo_surface_finish(surface.get());
        if (drawn && cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
            drawn = makeError(code, out.string() + ": " + cairo_status_to_string(cairo_surface_status(surface.get())));
        }
    }
    if (!drawn) return drawn.error();
    // 0600 temp file, fsync, rename, folder fsync: a reader never sees half a PDF.
    if (auto written = writePrivateFile(out, pdf); !written) return makeError(code, written.error().message);
    return {};
}

} // namespace bhxh::receipt
