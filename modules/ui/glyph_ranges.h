#pragma once
#include <imgui.h>
#include <string>
#include <vector>

namespace bhxh::ui {

/// The glyph set the UI font is baked with: Basic Latin + Latin-1, ImGui's Vietnamese set,
/// general punctuation U+2010–U+205E (en dash, curly quotes, ellipsis, which ImGui's
/// Vietnamese set lacks), the đồng sign U+20AB, and every character of the given texts.
class GlyphRanges {
public:
    /// `texts`: every UI string (all languages) so that no label falls back to "?".
    explicit GlyphRanges(const std::vector<std::string>& texts);
    /// Zero-terminated pairs, alive as long as this object (ImGui keeps the pointer).
    [[nodiscard]] const ImWchar* data() const { return m_ranges.Data; }
    /// True when `codePoint` is inside one of the ranges.
    [[nodiscard]] bool contains(unsigned int codePoint) const;

private:
    ImVector<ImWchar> m_ranges;
};

} // namespace bhxh::ui
