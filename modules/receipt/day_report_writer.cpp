#include "receipt/day_report_writer.h"

#include "common/unicode_text.h"
#include "receipt/pdf_file.h"
#include "receipt/pdf_page.h"

#include <algorithm>
#include <string>

namespace bhxh::receipt {
namespace {

constexpr double kPageW = PdfPage::kA4Width;
constexpr double kPageH = PdfPage::kA4Height;
constexpr double kMargin = 48.0;
constexpr double kRowH = 11.0;
constexpr double kChartH = 72.0;
constexpr double kSignatureH = 84.0;  // what the signature block needs at the bottom

class Layout {
public:
    Layout(cairo_t* cr, const DayReportData& d) : m_cr(cr), m_page(cr), m_d(d) {}

    Result<void> draw() {
        header();
        for (std::size_t i = 0; i < m_d.sections.size(); ++i) section(i + 1, m_d.sections[i]);
        signature();
        footer();
        if (!m_page.missingGlyph().empty()) {
            return makeError("report.font", std::string("the font \"") + PdfPage::kFamily + "\" has no glyph for " +
                                                m_page.missingGlyph() + " (install fonts-noto-core)");
        }
        if (const auto status = cairo_status(m_cr); status != CAIRO_STATUS_SUCCESS) {
            return makeError("report.io", std::string("drawing the day report failed: ") + cairo_status_to_string(status));
        }
        return {};
    }

private:
    double right() const { return kPageW - kMargin; }

    /// Starts a new page when `height` does not fit above the bottom margin.
    void need(double height) {
        if (m_y + height <= kPageH - kMargin) return;
        footer();
        cairo_show_page(m_cr);
        m_y = kMargin + 10;
    }

    void header() {
        const double leftCx = kMargin + 100;
        const double rightCx = right() - 120;
        m_page.grey(0);
        m_page.font(10, true);
        m_page.centred(leftCx, 56, text::toUpper(m_d.officeName));
        m_page.font(9, false);
        m_page.centred(leftCx, 70, m_d.officeCode);
        m_page.font(9, true);
        m_page.centred(rightCx, 56, m_d.mottoLine1);
        m_page.font(10, true);
        m_page.centred(rightCx, 70, m_d.mottoLine2);
        m_page.font(15, true);
        m_y = 102;
        for (const auto& line : m_page.wrap(m_d.title, right() - kMargin)) {
            m_page.centred(kPageW / 2, m_y, line);
            m_y += 20;
        }
        m_page.font(11, false);
        m_page.centred(kPageW / 2, m_y, m_d.dayLine);
        m_y += 14;
        m_page.font(8, false);
        m_page.grey(0.35);
        m_page.centred(kPageW / 2, m_y, m_d.generatedLine);
        m_page.grey(0);
        m_y += 12;
    }

    void section(std::size_t number, const ReportSection& s) {
        need(kRowH * 3 + (s.hasChart ? kChartH + 20 : 0));
        m_page.font(11, true);
        m_page.grey(0);
        m_page.text(kMargin, m_y, std::to_string(number) + ". " + s.title);
        m_y += 6;
        if (s.hasChart) chart(s.chart);
        table(s.table);
        m_y += 12;
    }

    void chart(const HourChart& c) {
        const double top = m_y + 6;
        const double left = kMargin + 24;
        const double width = right() - left;
        const double slot = width / 24.0;
        int peak = 1;
        for (int h = 0; h < 24; ++h) peak = std::max({peak, c.approved[static_cast<std::size_t>(h)], c.rejected[static_cast<std::size_t>(h)]});
        const double base = top + kChartH - 14;
        const double scale = (kChartH - 24) / peak;
        cairo_set_line_width(m_cr, 0.5);
        m_page.grey(0.6);
        cairo_move_to(m_cr, left, base);
        cairo_line_to(m_cr, right(), base);
        cairo_stroke(m_cr);
        m_page.font(7, false);
        m_page.grey(0.3);
        m_page.rightAligned(left - 4, base - (kChartH - 24) + 3, std::to_string(peak));
        m_page.rightAligned(left - 4, base + 3, "0");
        for (int h = 0; h < 24; ++h) {
            const auto i = static_cast<std::size_t>(h);
            const double x = left + h * slot;
            const double w = slot * 0.35;
            cairo_set_source_rgb(m_cr, 0.13, 0.55, 0.13);
            if (c.approved[i] > 0) cairo_rectangle(m_cr, x + slot * 0.12, base - c.approved[i] * scale, w, c.approved[i] * scale);
            cairo_fill(m_cr);
            cairo_set_source_rgb(m_cr, 0.75, 0.2, 0.2);
            if (c.rejected[i] > 0) cairo_rectangle(m_cr, x + slot * 0.12 + w, base - c.rejected[i] * scale, w, c.rejected[i] * scale);
            cairo_fill(m_cr);
            m_page.grey(0.3);
            if (h % 2 == 0) m_page.centred(x + slot / 2, base + 10, std::to_string(h));
        }
        // Legend.
        const double ly = top + 4;
        cairo_set_source_rgb(m_cr, 0.13, 0.55, 0.13);
        cairo_rectangle(m_cr, right() - 170, ly - 6, 8, 8);
        cairo_fill(m_cr);
        m_page.grey(0);
        m_page.font(8, false);
        m_page.text(right() - 158, ly + 1, c.approvedLabel);
        cairo_set_source_rgb(m_cr, 0.75, 0.2, 0.2);
        cairo_rectangle(m_cr, right() - 85, ly - 6, 8, 8);
        cairo_fill(m_cr);
        m_page.grey(0);
        m_page.text(right() - 73, ly + 1, c.rejectedLabel);
        m_y = top + kChartH + 6;
    }

    void table(const ReportTable& t) {
        m_y += kRowH;
        if (t.rows.empty() && !t.emptyText.empty()) {
            m_page.font(9, false);
            m_page.grey(0.35);
            m_page.text(kMargin + 12, m_y, t.emptyText);
            m_page.grey(0);
            m_y += 4;
            return;
        }
        std::size_t columns = std::max<std::size_t>(1, t.header.size());
        for (const auto& r : t.rows) columns = std::max(columns, r.size());
        // The first column takes what is left after the figures' columns (85 pt each).
        const double figureW = 85.0;
        const double firstW = std::max(140.0, (right() - kMargin - 12) - figureW * static_cast<double>(columns - 1));
        auto row = [&](const std::vector<std::string>& cells, bool bold) {
            need(kRowH);
            m_page.font(8.5, bold);
            for (std::size_t c = 0; c < cells.size() && c < columns; ++c) {
                if (c == 0) {
                    m_page.text(kMargin + 12, m_y, cells[c]);
                } else {
                    m_page.rightAligned(kMargin + 12 + firstW + figureW * static_cast<double>(c), m_y, cells[c]);
                }
            }
            m_y += kRowH;
        };
        if (!t.header.empty()) {
            m_page.grey(0.25);
            row(t.header, true);
            cairo_set_line_width(m_cr, 0.4);
            m_page.grey(0.6);
            cairo_move_to(m_cr, kMargin + 12, m_y - kRowH + 3);
            cairo_line_to(m_cr, right(), m_y - kRowH + 3);
            cairo_stroke(m_cr);
            m_page.grey(0);
            m_y += 2;
        }
        for (const auto& r : t.rows) row(r, false);
        m_y -= kRowH - 4;
    }

    void signature() {
        need(kSignatureH);
        m_y += 14;
        const double leftCx = kMargin + 110;
        const double rightCx = right() - 110;
        m_page.font(10, true);
        m_page.grey(0);
        m_page.centred(leftCx, m_y, m_d.signatureLeft);
        m_page.centred(rightCx, m_y, m_d.signatureRight);
        m_page.font(8, false);
        m_page.grey(0.35);
        m_page.centred(leftCx, m_y + 13, m_d.signatureHint);
        m_page.centred(rightCx, m_y + 13, m_d.signatureHint);
        cairo_set_line_width(m_cr, 0.5);
        m_page.grey(0.5);
        for (double cx : {leftCx, rightCx}) {
            cairo_move_to(m_cr, cx - 80, m_y + 62);
            cairo_line_to(m_cr, cx + 80, m_y + 62);
        }
        cairo_stroke(m_cr);
        m_page.grey(0);
        m_y += 70;
    }

    void footer() {
        m_page.font(7, false);
        m_page.grey(0.45);
        m_page.text(kMargin, kPageH - kMargin + 16, m_d.footer);
        m_page.grey(0);
    }

    cairo_t* m_cr;
    PdfPage m_page;
    const DayReportData& m_d;
    double m_y = 0;
};

} // namespace

Result<void> DayReportWriter::writePdf(const DayReportData& data, const std::filesystem::path& out) {
    return PdfFile::write(out, data.title + " " + data.dayLine, [&data](cairo_t* cr) { return Layout(cr, data).draw(); },
                          "report.io");
}

} // namespace bhxh::receipt
