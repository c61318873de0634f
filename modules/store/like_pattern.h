#pragma once
#include <string>

namespace bhxh::store {

/// Escapes LIKE's wildcards (with ESCAPE '\'): a search for "07916_2026" must match literally.
inline std::string escapeLike(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

} // namespace bhxh::store
