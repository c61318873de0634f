#include "ui_model/font_locator.h"

#include <fontconfig/fontconfig.h>
#include <algorithm>
#include <memory>

namespace bhxh::ui {
namespace {

struct PatternDeleter { void operator()(FcPattern* p) const { FcPatternDestroy(p); } };
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;

// Calls fn(code point) for each code point of UTF-8 `text` until fn returns false.
template <class Fn>
void forEachCodePoint(const std::string& text, Fn fn) {
    const auto* bytes = reinterpret_cast<const FcChar8*>(text.data());
    int remaining = static_cast<int>(text.size());
    while (remaining > 0) {
        FcChar32 c = 0;
        const int used = FcUtf8ToUcs4(bytes, &c, remaining);
        if (used <= 0 || !fn(c)) return;
        bytes += used;
        remaining -= used;
    }
}

// First printable code point of `text` that none of `charsets` has, or 0.
FcChar32 firstMissing(const std::vector<const FcCharSet*>& charsets, const std::string& text) {
    FcChar32 missing = 0;
    forEachCodePoint(text, [&](FcChar32 c) {
        if (c <= 0x20) return true;
        for (const FcCharSet* charset : charsets) {
            if (FcCharSetHasChar(charset, c)) return true;
        }
        missing = c;
        return false;
    });
    return missing;
}

// The font file's pattern (it owns the charset), or null when fontconfig cannot read it.
PatternPtr queryFile(const std::filesystem::path& fontFile) {
    int count = 0;
    FcBlanks* blanks = nullptr;
    return PatternPtr(FcFreeTypeQuery(reinterpret_cast<const FcChar8*>(fontFile.c_str()), 0, blanks, &count));
}

const FcCharSet* charsetOf(const PatternPtr& pattern) {
    FcCharSet* charset = nullptr;
    if (!pattern || FcPatternGetCharSet(pattern.get(), FC_CHARSET, 0, &charset) != FcResultMatch) return nullptr;
    return charset;
}

} // namespace

Result<std::filesystem::path> FontLocator::find(const std::vector<std::string>& families,
                                                const std::string& requiredText) {
    if (!FcInit()) return makeError("font.fontconfig", "fontconfig could not start");
    std::string tried;
    for (const auto& family : families) {
        PatternPtr pattern(FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str())));
        if (!pattern) continue;
        FcPatternAddString(pattern.get(), FC_LANG, reinterpret_cast<const FcChar8*>("vi"));
        FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
        FcDefaultSubstitute(pattern.get());
        FcResult result = FcResultNoMatch;
        PatternPtr match(FcFontMatch(nullptr, pattern.get(), &result));
        if (!match) continue;

        FcChar8* file = nullptr;
        FcChar8* matchedFamily = nullptr;
        FcCharSet* charset = nullptr;
        if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch) continue;
        FcPatternGetString(match.get(), FC_FAMILY, 0, &matchedFamily);
        // fontconfig always returns *some* font: accept it only if it is the family asked for.
        const std::string got = matchedFamily ? reinterpret_cast<const char*>(matchedFamily) : "";
        if (got != family) { tried += family + " (not installed); "; continue; }
        if (FcPatternGetCharSet(match.get(), FC_CHARSET, 0, &charset) != FcResultMatch) continue;
        if (FcChar32 missing = firstMissing({charset}, requiredText)) {
            tried += family + " (no U+" + std::to_string(missing) + "); ";
            continue;
        }
        std::filesystem::path path(reinterpret_cast<const char*>(file));
        // ImGui reads TrueType/OpenType files, not the compressed or bitmap formats.
        const auto ext = path.extension().string();
        if (ext != ".ttf" && ext != ".otf") { tried += family + " (" + ext + " file); "; continue; }
        return path;
    }
    return makeError("font.not_found", "no installed font covers Vietnamese; tried: " + tried +
                                           " install fonts-noto-core or fonts-dejavu-core");
}

std::vector<std::filesystem::path> FontLocator::findAll(const std::vector<std::string>& families,
                                                       const std::string& requiredText) {
    std::vector<std::filesystem::path> found;
    for (const auto& family : families) {
        auto one = find({family}, requiredText);
        if (one && std::find(found.begin(), found.end(), *one) == found.end()) found.push_back(*one);
    }
    return found;
}

unsigned int FontLocator::firstUncovered(const std::vector<std::filesystem::path>& fontFiles, const std::string& text) {
    if (!FcInit()) return 0;
    std::vector<PatternPtr> patterns;
    std::vector<const FcCharSet*> charsets;
    for (const auto& file : fontFiles) {
        patterns.push_back(queryFile(file));
        if (const FcCharSet* charset = charsetOf(patterns.back())) charsets.push_back(charset);
    }
    return firstMissing(charsets, text);
}

const std::string& FontLocator::vietnameseSample() {
    static const std::string sample =
        "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
        "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ"
        "0123456789.,;:!?()[]/-–—“”‘’…%₫";
    return sample;
}

bool FontLocator::covers(const std::filesystem::path& fontFile, const std::string& text) {
    if (!FcInit()) return false;
    const PatternPtr pattern = queryFile(fontFile);
    const FcCharSet* charset = charsetOf(pattern);
    return charset != nullptr && firstMissing({charset}, text) == 0;
}

} // namespace bhxh::ui
