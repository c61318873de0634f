#include "common/unicode_text.h"

#include <vector>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

namespace bhxh::text {
namespace {

icu::UnicodeString fromUtf8(std::string_view utf8) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string toUtf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

std::string normalize(std::string_view utf8, const icu::Normalizer2* (*instance)(UErrorCode&)) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = instance(status);
    if (U_FAILURE(status)) return std::string(utf8);
    icu::UnicodeString out = n->normalize(fromUtf8(utf8), status);
    if (U_FAILURE(status)) return std::string(utf8);
    return toUtf8(out);
}

// NFD, then drop the non-spacing marks and map the two letters with a stroke.
icu::UnicodeString stripped(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(fromUtf8(utf8), status) : fromUtf8(utf8);
    icu::UnicodeString out;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        if (c == 0x0111) out.append(static_cast<UChar32>('d'));
        else if (c == 0x0110) out.append(static_cast<UChar32>('D'));
        else out.append(c);
    }
    return out;
}

} // namespace

std::string nfc(std::string_view utf8) { return normalize(utf8, &icu::Normalizer2::getNFCInstance); }
std::string nfkc(std::string_view utf8) { return normalize(utf8, &icu::Normalizer2::getNFKCInstance); }

bool isNfc(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return false;
    const bool result = n->isNormalized(fromUtf8(utf8), status);
    return U_SUCCESS(status) && result;
}

bool isValidUtf8(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    // Pre-flight: counts UTF-16 units and reports U_INVALID_CHAR_FOUND on a bad sequence.
    u_strFromUTF8(nullptr, 0, &length, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    return status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING ||
           (U_SUCCESS(status) && bytes.empty());
}

std::string stripDiacritics(std::string_view utf8) { return toUtf8(stripped(utf8)); }

std::string foldForSearch(std::string_view utf8) {
    icu::UnicodeString s = stripped(utf8);
    s.foldCase();
    std::string folded = toUtf8(s);
    std::string out;
    out.reserve(folded.size());
    bool space = false;
    for (char c : folded) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = !out.empty(); continue; }
        if (space) { out.push_back(' '); space = false; }
        out.push_back(c);
    }
    return out;
}

std::string toUpper(std::string_view utf8) {
    icu::UnicodeString s = fromUtf8(utf8);
    s.toUpper(icu::Locale("vi"));
    return toUtf8(s);
}

bool hasDiacritics(std::string_view utf8) { return stripDiacritics(utf8) != nfc(utf8); }

std::size_t codePointCount(std::string_view utf8) {
    const icu::UnicodeString s = fromUtf8(utf8);
    return static_cast<std::size_t>(s.countChar32());
}

std::string maskedName(std::string_view utf8) {
    const icu::UnicodeString name = fromUtf8(nfc(utf8));
    std::vector<icu::UnicodeString> words;
    icu::UnicodeString word;
    for (int32_t i = 0; i < name.length();) {
        const UChar32 c = name.char32At(i);
        i += U16_LENGTH(c);
        if (u_isspace(c) || u_iscntrl(c)) {
            if (!word.isEmpty()) words.push_back(word);
            word.remove();
            continue;
        }
        word.append(c);
    }
    if (!word.isEmpty()) words.push_back(word);
    icu::UnicodeString out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out.append(UChar32(' '));
        if (i + 1 == words.size()) {
            out.append(words[i]);
        } else {
            out.append(words[i].char32At(0)).append(UChar32('.'));
        }
    }
    return toUtf8(out);
}

std::string escapeForTerminal(std::string_view utf8) {
    static constexpr char kHex[] = "0123456789abcdef";
    const bool valid = isValidUtf8(utf8);
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        const bool c1 = valid && c == 0xC2 && i + 1 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) <= 0x9F;
        if (c1) {
            const auto next = static_cast<unsigned char>(utf8[++i]);
            out += "\\u00";
            out += kHex[next >> 4];
            out += kHex[next & 0x0F];
        } else if (c < 0x20 || c == 0x7F || (!valid && c >= 0x80)) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0x0F];
        } else if (c == '\\') {
            out += "\\\\";
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

} // namespace bhxh::text
