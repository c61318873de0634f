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
    /// Every family of `families` that is installed and covers `requiredText`, in order: the
    /// first is the UI font, the others are merged into it for the symbols it lacks.
    static std::vector<std::filesystem::path> findAll(const std::vector<std::string>& families,
                                                      const std::string& requiredText);
    /// True when the font file has a glyph for every code point of `text`.
    static bool covers(const std::filesystem::path& fontFile, const std::string& text);
    /// The first code point of `text` that none of `fontFiles` has, or 0.
    static unsigned int firstUncovered(const std::vector<std::filesystem::path>& fontFiles, const std::string& text);
    /// What the UI font must have: every Vietnamese letter in both cases, the digits and the
    /// punctuation of Vietnamese text (en dash, curly quotes, ellipsis, the đồng sign).
    static const std::string& vietnameseSample();
};

} // namespace bhxh::ui
