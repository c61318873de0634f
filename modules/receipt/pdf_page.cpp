#include "receipt/pdf_page.h"

#include "common/unicode_text.h"

#include <cstdio>

namespace bhxh::receipt {
namespace {

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

unsigned int firstCodePoint(const std::string& cp) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned int>(static_cast<unsigned char>(cp[i])); };
    switch (cp.size()) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
    case 3: return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
    default: return ((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
    }
}

} // namespace

void PdfPage::font(double size, bool bold) {
    cairo_select_font_face(m_cr, kFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(m_cr, size);
}

void PdfPage::grey(double level) { cairo_set_source_rgb(m_cr, level, level, level); }

double PdfPage::width(const std::string& text) {
    cairo_text_extents_t e;
    cairo_text_extents(m_cr, text.c_str(), &e);
    return e.x_advance;
}

void PdfPage::text(double x, double y, const std::string& utf8) {
    const std::string t = text::nfc(utf8);
    checkGlyphs(t);
    cairo_move_to(m_cr, x, y);
    cairo_show_text(m_cr, t.c_str());
}

void PdfPage::centred(double cx, double y, const std::string& utf8) { text(cx - width(text::nfc(utf8)) / 2, y, utf8); }

void PdfPage::rightAligned(double x, double y, const std::string& utf8) { text(x - width(text::nfc(utf8)), y, utf8); }

std::vector<std::string> PdfPage::wrap(const std::string& utf8, double maxWidth) {
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

void PdfPage::checkGlyphs(const std::string& t) {
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

} // namespace bhxh::receipt
