#include "receipt/test_page_writer.h"

#include "receipt/pdf_file.h"
#include "receipt/pdf_page.h"

namespace bhxh::receipt {

Result<void> TestPageWriter::writePdf(const std::string& title, const std::vector<std::string>& lines,
                                      const std::filesystem::path& out) {
    return PdfFile::write(
        out, title,
        [&](cairo_t* cr) -> Result<void> {
            PdfPage page(cr);
            const double mm = PdfPage::kA4Width / 210.0;
            cairo_set_line_width(cr, 1.0);
            cairo_rectangle(cr, 10 * mm, 10 * mm, PdfPage::kA4Width - 20 * mm, PdfPage::kA4Height - 20 * mm);
            cairo_stroke(cr);
            page.font(20, true);
            page.centred(PdfPage::kA4Width / 2, 40 * mm, title);
            page.font(12, false);
            double y = 60 * mm;
            for (const auto& line : lines) {
                for (const auto& wrapped : page.wrap(line, PdfPage::kA4Width - 50 * mm)) {
                    page.text(25 * mm, y, wrapped);
                    y += 7 * mm;
                }
            }
            if (!page.missingGlyph().empty()) {
                return makeError("receipt.font", "the font has no glyph for " + page.missingGlyph());
            }
            return {};
        },
        "receipt.io");
}

} // namespace bhxh::receipt
