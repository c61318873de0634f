#include "receipt/receipt_writer.h"

#include "common/unicode_text.h"

#include "receipt/pdf_file.h"
#include "receipt/pdf_page.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <cairo.h>

#include <cstdio>
#include <string>
#include <vector>

namespace bhxh::receipt {
namespace {

constexpr double kPageW = PdfPage::kA4Width;
constexpr double kPageH = PdfPage::kA4Height;
constexpr double kMargin = 56.0;
constexpr double kLabelW = 150.0;
constexpr double kQrSide = 130.0;

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
    PdfPage page(cr);
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
        return makeError("receipt.font", std::string("the font \"") + PdfPage::kFamily + "\" has no glyph for " +
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
    return PdfFile::write(out, data.labels.title, [&data](cairo_t* cr) { return drawPage(cr, data); }, "receipt.io");
}

} // namespace bhxh::receipt
