#include "receipt/receipt_writer.h"

#include "common/private_file.h"
#include "common/unicode_text.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <cairo-pdf.h>
#include <cairo.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh::receipt {
namespace {

// A4 in PostScript points, and the page's frame.
constexpr double kPageW = 595.276;
constexpr double kPageH = 841.890;
constexpr double kMargin = 56.0;
constexpr double kLabelW = 150.0;
constexpr double kQrSide = 130.0;
constexpr const char* kFamily = "Noto Sans";

struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

// The PDF is drawn into memory (one page, a few tens of kB), then written with writePrivateFile.
cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// One UTF-8 code point at a time: cairo's toy API draws glyph 0 (an empty box) for a character
// the chosen font lacks, and fontconfig may have substituted another family for Noto Sans.
std::vector<std::string> codePoints(std::string_view utf8) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        const std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
        out.emplace_back(utf8.substr(i, n));
        i += n;
    }
    return out;
}

class Page {
public:
    explicit Page(cairo_t* cr) : m_cr(cr) {}

    void font(double size, bool bold) {
        cairo_select_font_face(m_cr, kFamily, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(m_cr, size);
    }
    void grey(double level) { cairo_set_source_rgb(m_cr, level, level, level); }

    double width(const std::string& text) {
        cairo_text_extents_t e;
        cairo_text_extents(m_cr, text.c_str(), &e);
        return e.x_advance;
    }

    void text(double x, double y, const std::string& utf8) {
        const std::string t = text::nfc(utf8);
        checkGlyphs(t);
        cairo_move_to(m_cr, x, y);
        cairo_show_text(m_cr, t.c_str());
    }
    void centred(double cx, double y, const std::string& utf8) { text(cx - width(text::nfc(utf8)) / 2, y, utf8); }

    /// Word-wrapped lines of at most `maxWidth` points in the current font.
    std::vector<std::string> wrap(const std::string& utf8, double maxWidth) {
        std::vector<std::string> lines;
        std::string line;
        std::size_t start = 0;
        const std::string t = text::nfc(utf8);
        while (start <= t.size()) {
            std::size_t end = t.find(' ', start);
            if (end == std::string::npos) end = t.size();
            const std::string word = t.substr(start, end - start);
            const std::string candidate = line.empty() ? word : line + " " + word;
            if (!line.empty() && width(candidate) > maxWidth) {
                lines.push_back(line);
                line = word;
            } else {
                line = candidate;
            }
            start = end + 1;
        }
        if (!line.empty() || lines.empty()) lines.push_back(line);
        return lines;
    }

    /// The first character the font could not draw, as "U+1EA0 'Ạ'", or empty.
    [[nodiscard]] const std::string& missingGlyph() const { return m_missing; }

private:
    void checkGlyphs(const std::string& t) {
        if (!m_missing.empty()) return;
        cairo_scaled_font_t* font = cairo_get_scaled_font(m_cr);
        for (const auto& cp : codePoints(t)) {
            if (static_cast<unsigned char>(cp[0]) <= 0x20) continue;
            cairo_glyph_t* glyphs = nullptr;
            int count = 0;
            if (cairo_scaled_font_text_to_glyphs(font, 0, 0, cp.c_str(), static_cast<int>(cp.size()), &glyphs, &count,
                                                 nullptr, nullptr, nullptr) != CAIRO_STATUS_SUCCESS) {
                m_missing = "'" + cp + "'";
                return;
            }
            const bool missing = count < 1 || glyphs[0].index == 0;
            cairo_glyph_free(glyphs);
            if (missing) {
                char code[16];
                std::snprintf(code, sizeof code, "U+%04X", firstCodePoint(cp));
                m_missing = std::string(code) + " '" + cp + "'";
                return;
            }
        }
    }
    static unsigned int firstCodePoint(const std::string& cp) {
        const auto b = [&](std::size_t i) { return static_cast<unsigned int>(static_cast<unsigned char>(cp[i])); };
        switch (cp.size()) {
        case 1: return b(0);
        case 2: return ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
        case 3: return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
        default: return ((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
        }
    }

    cairo_t* m_cr;
    std::string m_missing;
};

// The QR code as filled squares, one per dark module (vector, sharp at any zoom or printer).
Result<void> drawQr(cairo_t* cr, const std::string& payload, double x, double y, double side) {
    ZXing::BitMatrix bits;
    try {
        bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                   .setEncoding(ZXing::CharacterSet::UTF8)
                   .setMargin(0)
                   .encode(payload, 0, 0);
    } catch (const std::exception& e) {
        return makeError("receipt.qr", std::string("the dossier number cannot be put in a QR code: ") + e.what());
    }
    if (bits.width() <= 0 || bits.height() <= 0) return makeError("receipt.qr", "empty QR code");
    const double module = side / bits.width();
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int row = 0; row < bits.height(); ++row) {
        for (int col = 0; col < bits.width(); ++col) {
            if (bits.get(col, row)) cairo_rectangle(cr, x + col * module, y + row * module, module, module);
        }
    }
    // Adjacent squares filled in one go, without antialiasing, leave no hairline seams.
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_fill(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
    return {};
}

Result<void> drawPage(cairo_t* cr, const ReceiptData& d) {
    const ReceiptLabels& l = d.labels;
    Page page(cr);
    const double right = kPageW - kMargin;

    // Header: the office on the left, the national motto on the right, as on official papers.
    const double leftCx = kMargin + 95;
    const double rightCx = right - 120;
    page.grey(0);
    page.font(11, true);
    page.centred(leftCx, 64, text::toUpper(d.officeName));
    page.font(10, false);
    page.centred(leftCx, 80, l.officeCode + ": " + d.officeCode);
    page.font(10, true);
    page.centred(rightCx, 64, l.mottoLine1);
    page.font(11, true);
    page.centred(rightCx, 80, l.mottoLine2);
    const double mottoW = page.width(text::nfc(l.mottoLine2));
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, rightCx - mottoW / 2, 85);
    cairo_line_to(cr, rightCx + mottoW / 2, 85);
    cairo_stroke(cr);

    // Title, wrapped if a language makes it long.
    page.font(17, true);
    double y = 150;
    for (const auto& line : page.wrap(l.title, right - kMargin)) {
        page.centred(kPageW / 2, y, line);
        y += 24;
    }
    y += 20;

    // The fields: label column, value column (values wrap under themselves).
    struct Row {
        const std::string& label;
        const std::string& value;
        bool strong;
    };
    std::vector<Row> rows{{l.dossierNo, d.dossierNo, true},       {l.fullName, d.fullName, true},
                          {l.request, d.requestText, false},      {l.decision, d.decisionText, true}};
    if (!d.reasonText.empty()) rows.push_back({l.reason, d.reasonText, false});
    rows.push_back({l.officer, d.officerId, false});
    rows.push_back({l.decidedAt, d.decidedAtText, false});
    const double valueX = kMargin + kLabelW;
    for (const auto& row : rows) {
        page.font(12, false);
        page.grey(0.3);
        page.text(kMargin, y, row.label + ":");
        page.grey(0);
        page.font(12, row.strong);
        for (const auto& line : page.wrap(row.value, right - valueX)) {
            page.text(valueX, y, line);
            y += 18;
        }
        y += 8;
    }

    // The QR code of the dossier number, centred, with its caption.
    y += 16;
    if (auto qr = drawQr(cr, d.dossierNo, (kPageW - kQrSide) / 2, y, kQrSide); !qr) return qr;
    y += kQrSide + 18;
    page.font(10, false);
    page.grey(0.3);
    page.centred(kPageW / 2, y, l.qrCaption);

    // Footer above the bottom margin.
    page.font(9, false);
    const auto footer = page.wrap(l.footer, right - kMargin);
    double fy = kPageH - kMargin - 12.0 * static_cast<double>(footer.size());
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kMargin, fy - 14);
    cairo_line_to(cr, right, fy - 14);
    cairo_stroke(cr);
    page.grey(0.35);
    for (const auto& line : footer) {
        page.text(kMargin, fy, line);
        fy += 12;
    }

    if (!page.missingGlyph().empty()) {
        return makeError("receipt.font", std::string("the font \"") + kFamily + "\" has no glyph for " +
                                             page.missingGlyph() +
                                             " (install fonts-noto-core: the receipt would show boxes)");
    }
    if (const auto status = cairo_status(cr); status != CAIRO_STATUS_SUCCESS) {
        return makeError("receipt.io", std::string("drawing the receipt failed: ") + cairo_status_to_string(status));
    }
    return {};
}

} // namespace

Result<void> ReceiptWriter::writePdf(const ReceiptData& data, const std::filesystem::path& out) {
    std::string pdf;
    Result<void> drawn;
    {
        std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
            cairo_pdf_surface_create_for_stream(appendToString, &pdf, kPageW, kPageH));
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, text::nfc(data.labels.title).c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "bhxh-desk");
        std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
        drawn = drawPage(cr.get(), data);
        cairo_show_page(cr.get());
        cr.reset();
        cairo_surface_finish(surface.get());
        if (drawn && cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
            drawn = makeError("receipt.io", out.string() + ": " +
                                                cairo_status_to_string(cairo_surface_status(surface.get())));
        }
    }
    if (!drawn) return drawn.error();
    // The receipt carries a name: 0600, like the data folder; never half a PDF.
    if (auto written = writePrivateFile(out, pdf); !written) return makeError("receipt.io", written.error().message);
    return {};
}

} // namespace bhxh::receipt
