#include "receipt/pdf_file.h"

#include "common/unicode_text.h"
#include "receipt/pdf_page.h"

#include <cairo-pdf.h>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace bhxh::receipt {
namespace {

struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

cairo_status_t writeToFile(void* closure, const unsigned char* data, unsigned int length) {
    auto* file = static_cast<std::FILE*>(closure);
    return std::fwrite(data, 1, length, file) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

Result<void> syncAndClose(std::FILE* file, const std::filesystem::path& tmp, const std::string& code) {
    const bool ok = std::fflush(file) == 0 && ::fsync(fileno(file)) == 0;
    const bool closed = std::fclose(file) == 0;
    if (!ok || !closed) return makeError(code, tmp.string() + ": cannot write the PDF (disk full?)");
    return {};
}

} // namespace

Result<void> PdfFile::write(const std::filesystem::path& out, const std::string& title, const DrawFn& drawPages,
                            const std::string& code) {
    std::error_code ec;
    const auto dir = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
    std::filesystem::create_directories(dir, ec);
    if (ec) return makeError(code, dir.string() + ": cannot create the folder: " + ec.message());

    // The PDF may carry names: mkstemp's 0600 keeps it to the desk's user, like the data folder.
    std::string pattern = (dir / ("." + out.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) return makeError(code, dir.string() + ": cannot create a file there");
    const std::filesystem::path tmp = pattern;
    std::FILE* file = ::fdopen(fd, "wb");
    if (!file) {
        ::close(fd);
        std::filesystem::remove(tmp, ec);
        return makeError(code, tmp.string() + ": cannot open for writing");
    }
    auto fail = [&](Error e) -> Result<void> {
        std::filesystem::remove(tmp, ec);
        return e;
    };

    Result<void> drawn;
    {
        std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
            cairo_pdf_surface_create_for_stream(writeToFile, file, PdfPage::kA4Width, PdfPage::kA4Height));
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, text::nfc(title).c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "bhxh-desk");
        std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
        drawn = drawPages(cr.get());
        cairo_show_page(cr.get());
        cr.reset();
        cairo_surface_finish(surface.get());
        if (drawn && cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
            drawn = makeError(code, tmp.string() + ": " + cairo_status_to_string(cairo_surface_status(surface.get())));
        }
    }
    auto closed = syncAndClose(file, tmp, code);
    if (!drawn) return fail(drawn.error());
    if (!closed) return fail(closed.error());
    std::filesystem::rename(tmp, out, ec);
    if (ec) return fail(makeError(code, out.string() + ": cannot put the PDF in place: " + ec.message()));
    // The rename is durable once the folder's entry is on disk.
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dfd >= 0) {
        (void)::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

} // namespace bhxh::receipt
