#include "ui_model/error_key.h"

#include <cctype>

namespace bhxh::ui {
namespace {

bool codeChar(char c) { return std::islower(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

} // namespace

std::string ErrorKey::keyFor(const LangCatalog& lang, std::string_view detail, const char* fallbackKey) {
    // Error codes are lower-case words joined by dots ("portal.conflict", "store.full").
    for (std::size_t i = 0; i < detail.size();) {
        if (!codeChar(detail[i]) || (i > 0 && codeChar(detail[i - 1]))) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < detail.size() && codeChar(detail[end])) ++end;
        std::string_view word = detail.substr(i, end - i);
        while (!word.empty() && word.back() == '.') word.remove_suffix(1);  // end of a sentence
        if (word.find('.') != std::string_view::npos) {
            const std::string key = "error." + std::string(word);
            if (lang.has(key)) return key;
        }
        i = end;
    }
    return fallbackKey;
}

} // namespace bhxh::ui
