#pragma once
#include "common/result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bhxh::ui {

/// Finds a font file on the system (fontconfig) that has every glyph the UI needs.
class FontLocator {
public:
    /// The first family in `families` whose best match covers every code point of
    /// `requiredText`. The error lists the families tried and the first missing character.
    static Result<std::filesystem::path> find(const std::vector<std::string>& families,
                                              const std::string& requiredText);
    /// True when the font file has a glyph for every code point of `text`.
    static bool covers(const std::filesystem::path& fontFile, const std::string& text);
};

} // namespace bhxh::ui
