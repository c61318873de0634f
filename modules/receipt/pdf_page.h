#pragma once
#include <cairo.h>

#include <string>
#include <string_view>
#include <vector>

namespace bhxh::receipt {

/// Text on a cairo page in "Noto Sans" (fontconfig), NFC, with a check that every character
/// drawn has a glyph (cairo's toy API would draw an empty box). Shared by the receipt and the
/// day report.
class PdfPage {
public:
    static constexpr double kA4Width = 595.276;  ///< PostScript points
    static constexpr double kA4Height = 841.890;
    static constexpr const char* kFamily = "Noto Sans";

    explicit PdfPage(cairo_t* cr) : m_cr(cr) {}

    void font(double size, bool bold);
    void grey(double level);
    /// Advance width of `text` (already NFC) in the current font.
    double width(const std::string& text);
    void text(double x, double y, const std::string& utf8);
    void centred(double cx, double y, const std::string& utf8);
    /// `utf8` ending at x (right-aligned).
    void rightAligned(double x, double y, const std::string& utf8);
    /// Word-wrapped lines of at most `maxWidth` points in the current font.
    std::vector<std::string> wrap(const std::string& utf8, double maxWidth);
    /// The first character the font could not draw, as "U+1EA0 'Ạ'", or empty.
    [[nodiscard]] const std::string& missingGlyph() const { return m_missing; }
    [[nodiscard]] cairo_t* cairo() const { return m_cr; }

private:
    void checkGlyphs(const std::string& t);

    cairo_t* m_cr;
    std::string m_missing;
};

} // namespace bhxh::receipt
