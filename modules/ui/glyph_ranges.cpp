#include "ui/glyph_ranges.h"

namespace bhxh::ui {

GlyphRanges::GlyphRanges(const std::vector<std::string>& texts) {
    ImFontGlyphRangesBuilder builder;
    ImFontAtlas atlas;  // only for its static range tables
    builder.AddRanges(atlas.GetGlyphRangesDefault());
    builder.AddRanges(atlas.GetGlyphRangesVietnamese());
    static const ImWchar extra[] = {
        0x1EA0, 0x1EF9,  // Latin Extended Additional: every precomposed Vietnamese letter
        0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169, 0x01A0, 0x01A1, 0x01AF, 0x01B0,
        0x2010, 0x205E,  // general punctuation: dashes, quotes, ellipsis, bullets
        0x20AB, 0x20AB,  // ₫
        0x2190, 0x2193,  // arrows used in key hints
        0,
    };
    builder.AddRanges(extra);
    for (const auto& text : texts) builder.AddText(text.c_str(), text.c_str() + text.size());
    builder.BuildRanges(&m_ranges);
}

bool GlyphRanges::contains(unsigned int codePoint) const {
    for (int i = 0; i + 1 < m_ranges.Size && m_ranges[i] != 0; i += 2) {
        if (codePoint >= m_ranges[i] && codePoint <= m_ranges[i + 1]) return true;
    }
    return false;
}

} // namespace bhxh::ui
